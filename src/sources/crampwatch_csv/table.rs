//! The CSV columns: one table that the writer and the reader both use. Each
//! column names the entry kinds that fill it, how an entry's value becomes
//! its cell and how a cell is read back into an entry, so a new field is one
//! row here.

use super::cells::{activity, boolean, kg, number, word};
use crate::domain::check::{MAX_CRAMP_SECS, MAX_DRINK_ML, MAX_SODIUM_MG, PLAN_MINUTES};
use crate::domain::entry::{
    Body, CrampContext, DrinkKind, EntryKind, Heat, Intensity, MedAction, MedClass, Muscle, Relief,
    Side, Time, WeighWhen,
};
use crate::domain::input::MAX_URINE_ML;
use crate::domain::medication::{check_dose, check_name};
use EntryKind as K;

/// What a setter may need beyond its cell: the row's time (when it read),
/// and how a time is read (times without an offset are local).
pub struct Reader<'a> {
    pub at: Option<Time>,
    pub time: &'a dyn Fn(&str, &str) -> Result<Time, String>,
}

type Get = fn(&Body) -> Option<String>;
type Set = fn(&mut Body, &str, &Reader) -> Result<(), String>;

/// One column of the CSV format.
pub struct Column {
    pub name: &'static str,
    /// The kinds whose entries fill it; the four columns every row has
    /// (id, type, at, logged) are read and written apart, and have none.
    pub kinds: &'static [EntryKind],
    /// Needed in a row of those kinds.
    pub required: bool,
    /// Read as written, inner spacing and line breaks kept (the note);
    /// other cells are trimmed.
    pub raw: bool,
    /// The cell of an entry's body (None or empty: an empty cell).
    pub get: Get,
    /// Reads a cell (not empty) into a body of one of `kinds`.
    pub set: Set,
}

impl Column {
    pub fn fills(&self, kind: EntryKind) -> bool {
        self.kinds.contains(&kind)
    }
}

const fn every_row(name: &'static str) -> Column {
    Column {
        name,
        kinds: &[],
        required: false,
        raw: false,
        get: |_| None,
        set: |_, _, _| Ok(()),
    }
}

const fn column(name: &'static str, kinds: &'static [EntryKind], get: Get, set: Set) -> Column {
    Column {
        name,
        kinds,
        required: false,
        raw: false,
        get,
        set,
    }
}

const fn needed(c: Column) -> Column {
    Column {
        required: true,
        ..c
    }
}

/// A getter of one kind's field: `get!(Drink, d => d.ml.to_string())`.
macro_rules! get {
    ($variant:ident, $x:ident => $e:expr) => {
        |b: &Body| match b {
            Body::$variant($x) => Some($e),
            _ => None,
        }
    };
}

/// A getter of one kind's optional field: `get_opt!(Cramp, c => c.side)`.
macro_rules! get_opt {
    ($variant:ident, $x:ident => $e:expr) => {
        |b: &Body| match b {
            Body::$variant($x) => opt($e),
            _ => None,
        }
    };
}

/// A setter of one kind's field: `set!(Drink, d, s, _r => d.ml = ...)`.
macro_rules! set {
    ($variant:ident, $x:ident, $s:ident, $r:ident => $e:expr) => {
        |b: &mut Body, $s: &str, $r: &Reader| {
            let _ = $r;
            if let Body::$variant($x) = b {
                $e;
            }
            Ok(())
        }
    };
}

fn opt<T: ToString>(v: Option<T>) -> Option<String> {
    v.map(|x| x.to_string())
}

fn flag(b: bool) -> String {
    if b { "true".into() } else { String::new() }
}

const ACTIVE: &[EntryKind] = &[K::Workout, K::Plan];
const CRAMP: &[EntryKind] = &[K::Cramp];
const NOTED: &[EntryKind] = &[K::Drink, K::Workout, K::Plan, K::Cramp, K::Medication];

/// The columns, in the order of the header.
pub static COLUMNS: [Column; 32] = [
    every_row("id"),
    every_row("type"),
    every_row("at"),
    every_row("logged"),
    needed(column(
        "ml",
        &[K::Drink],
        get!(Drink, d => d.ml.to_string()),
        set!(Drink, d, s, _r => d.ml = number(s, "ml", 1, MAX_DRINK_ML)?),
    )),
    column(
        "drink_kind",
        &[K::Drink],
        get!(Drink, d => d.kind.to_string()),
        set!(Drink, d, s, _r => d.kind = word(s, "drink_kind", DrinkKind::from_word, DrinkKind::choices)?),
    ),
    column(
        "sodium_mg",
        &[K::Drink],
        get_opt!(Drink, d => d.sodium_mg),
        set!(Drink, d, s, _r => d.sodium_mg = Some(number(s, "sodium_mg", 0, MAX_SODIUM_MG)?)),
    ),
    needed(column(
        "activity",
        ACTIVE,
        |b| match b {
            Body::Workout(w) => Some(w.activity.clone()),
            Body::Plan(p) => Some(p.activity.clone()),
            _ => None,
        },
        |b, s, _| {
            let a = activity(s)?;
            match b {
                Body::Workout(w) => w.activity = a,
                Body::Plan(p) => p.activity = a,
                _ => {}
            }
            Ok(())
        },
    )),
    column(
        "end",
        &[K::Workout],
        get_opt!(Workout, w => w.end.map(|t| t.to_rfc3339())),
        set!(Workout, w, s, r => w.end = Some(end(s, r)?)),
    ),
    needed(column(
        "minutes",
        &[K::Plan],
        get!(Plan, p => p.minutes.to_string()),
        set!(Plan, p, s, _r => p.minutes = number(s, "minutes", *PLAN_MINUTES.start(), *PLAN_MINUTES.end())?),
    )),
    column(
        "intensity",
        ACTIVE,
        |b| match b {
            Body::Workout(w) => Some(w.intensity.to_string()),
            Body::Plan(p) => Some(p.intensity.to_string()),
            _ => None,
        },
        |b, s, _| {
            let v = word(s, "intensity", Intensity::from_word, Intensity::choices)?;
            match b {
                Body::Workout(w) => w.intensity = v,
                Body::Plan(p) => p.intensity = v,
                _ => {}
            }
            Ok(())
        },
    ),
    column(
        "heat",
        ACTIVE,
        |b| match b {
            Body::Workout(w) => Some(w.heat.to_string()),
            Body::Plan(p) => Some(p.heat.to_string()),
            _ => None,
        },
        |b, s, _| {
            let v = word(s, "heat", Heat::from_word, Heat::choices)?;
            match b {
                Body::Workout(w) => w.heat = v,
                Body::Plan(p) => p.heat = v,
                _ => {}
            }
            Ok(())
        },
    ),
    column(
        "new",
        &[K::Workout],
        get!(Workout, w => flag(w.new)),
        set!(Workout, w, s, _r => w.new = boolean(s, "new")?),
    ),
    needed(column(
        "muscle",
        CRAMP,
        get!(Cramp, c => c.muscle.to_string()),
        set!(Cramp, c, s, _r => c.muscle = word(s, "muscle", Muscle::from_word, Muscle::choices)?),
    )),
    column(
        "side",
        CRAMP,
        get_opt!(Cramp, c => c.side),
        set!(Cramp, c, s, _r => c.side = Some(word(s, "side", Side::from_word, Side::choices)?)),
    ),
    column(
        "severity",
        CRAMP,
        get_opt!(Cramp, c => c.severity),
        set!(Cramp, c, s, _r => c.severity = Some(number(s, "severity", 1, 10)?)),
    ),
    column(
        "duration_s",
        CRAMP,
        get_opt!(Cramp, c => c.duration_s),
        set!(Cramp, c, s, _r => c.duration_s = Some(number(s, "duration_s", 1, MAX_CRAMP_SECS)?)),
    ),
    column(
        "context",
        CRAMP,
        get_opt!(Cramp, c => c.context),
        set!(Cramp, c, s, _r => c.context = Some(word(s, "context", CrampContext::from_word, CrampContext::choices)?)),
    ),
    column(
        "swelling",
        CRAMP,
        get!(Cramp, c => flag(c.symptoms.swelling)),
        set!(Cramp, c, s, _r => c.symptoms.swelling = boolean(s, "swelling")?),
    ),
    column(
        "redness",
        CRAMP,
        get!(Cramp, c => flag(c.symptoms.redness)),
        set!(Cramp, c, s, _r => c.symptoms.redness = boolean(s, "redness")?),
    ),
    column(
        "weakness",
        CRAMP,
        get!(Cramp, c => flag(c.symptoms.weakness)),
        set!(Cramp, c, s, _r => c.symptoms.weakness = boolean(s, "weakness")?),
    ),
    column(
        "numbness",
        CRAMP,
        get!(Cramp, c => flag(c.symptoms.numbness)),
        set!(Cramp, c, s, _r => c.symptoms.numbness = boolean(s, "numbness")?),
    ),
    column(
        "relief",
        CRAMP,
        get!(Cramp, c => c.relief.iter().map(|x| x.word()).collect::<Vec<_>>().join(",")),
        set!(Cramp, c, s, _r => c.relief = relief(s)?),
    ),
    needed(column(
        "kg",
        &[K::Weight],
        get!(Weight, w => format!("{}", w.kg)),
        set!(Weight, w, s, _r => w.kg = kg(s)?),
    )),
    column(
        "when",
        &[K::Weight],
        get_opt!(Weight, w => w.when),
        set!(Weight, w, s, _r => w.when = Some(word(s, "when", WeighWhen::from_word, WeighWhen::choices)?)),
    ),
    needed(column(
        "medicine",
        &[K::Medication],
        get!(Medication, m => m.name.clone()),
        set!(Medication, m, s, _r => m.name = check_name(s)
            .map_err(|_| format!("medicine '{s}' should be a name of 1 to 60 characters"))?),
    )),
    needed(column(
        "med_action",
        &[K::Medication],
        get!(Medication, m => m.action.to_string()),
        set!(Medication, m, s, _r => m.action = word(s, "med_action", MedAction::from_word, MedAction::choices)?),
    )),
    column(
        "med_class",
        &[K::Medication],
        get_opt!(Medication, m => m.class),
        set!(Medication, m, s, _r => m.class = Some(word(s, "med_class", MedClass::from_word, MedClass::choices)?)),
    ),
    column(
        "dose",
        &[K::Medication],
        |b| match b {
            Body::Medication(m) => m.dose.clone(),
            _ => None,
        },
        set!(Medication, m, s, _r => m.dose = check_dose(s)?),
    ),
    Column {
        raw: true,
        ..column("note", NOTED, |b| b.note().map(str::to_string), set_note)
    },
    column(
        "muscle_name",
        CRAMP,
        |b| match b {
            Body::Cramp(c) => c.muscle_name.clone(),
            _ => None,
        },
        set!(Cramp, c, s, _r => c.muscle_name = Some(s.to_string())),
    ),
    column(
        "urine_ml",
        &[K::Weight],
        get_opt!(Weight, w => w.urine_ml),
        set!(Weight, w, s, _r => w.urine_ml = Some(number(s, "urine_ml", 0, MAX_URINE_ML)?)),
    ),
];

/// The header's names, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().map(|c| c.name)
}

/// A column by its (lower-case) name.
pub fn named(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

fn set_note(b: &mut Body, s: &str, _: &Reader) -> Result<(), String> {
    let note = Some(s.to_string());
    match b {
        Body::Drink(d) => d.note = note,
        Body::Workout(w) => w.note = note,
        Body::Plan(p) => p.note = note,
        Body::Cramp(c) => c.note = note,
        Body::Medication(m) => m.note = note,
        Body::Weight(_) => {}
    }
    Ok(())
}

/// A workout's end: a time after its start.
fn end(s: &str, r: &Reader) -> Result<Time, String> {
    let end = (r.time)(s, "end")?;
    match r.at {
        Some(at) if end <= at => Err("end must be after at".into()),
        _ => Ok(end),
    }
}

/// Relief words, split at commas or semicolons; every bad one is named.
fn relief(s: &str) -> Result<Vec<Relief>, String> {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for x in s.split([',', ';']).map(str::trim).filter(|x| !x.is_empty()) {
        match word(x, "relief", Relief::from_word, Relief::choices) {
            Ok(r) => good.push(r),
            Err(e) => bad.push(e),
        }
    }
    if bad.is_empty() {
        Ok(good)
    } else {
        Err(bad.join("; "))
    }
}
