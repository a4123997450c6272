//! The settings file as a person edits it: every key with a one-line
//! description, a commented starting file, and a reading that warns about a
//! bad key or value (naming its line) and applies the rest.

use super::Settings;
use crate::domain::entry::VolumeUnit;

/// Every key a user can set, with its description and an example value for
/// the commented file (used where the default is "unset").
pub const KEYS: &[(&str, &str, &str)] = &[
    (
        "units",
        "display unit for volumes: \"oz\" (US fl oz) or \"ml\"",
        "\"oz\"",
    ),
    (
        "weight_unit",
        "unit for body weights: \"kg\" or \"lb\" (unset: the unit of your first weighing)",
        "\"kg\"",
    ),
    (
        "daily_goal",
        "daily fluid goal, like \"64oz\" or \"2l\" (64oz; 2000ml when units is \"ml\")",
        "\"64oz\"",
    ),
    (
        "day_start_hour",
        "the hour (0-23) a day starts: a 2 am cramp belongs to the night before",
        "4",
    ),
    (
        "drink_presets",
        "drink sizes on the TUI's number keys, 1 to 9 of them",
        "[\"8oz\", \"10oz\", \"20oz\"]",
    ),
    (
        "bell",
        "ring the terminal bell when a sip or deadline comes due",
        "true",
    ),
    (
        "notify_command",
        "a command run with the message when a sip or deadline comes due",
        "\"notify-send crampwatch\"",
    ),
    ("mouse", "capture the mouse in the TUI", "false"),
    (
        "profile.body_mass_kg",
        "your body mass in kg, for sweat-loss estimates",
        "70.0",
    ),
    (
        "profile.diuretics",
        "you take a diuretic (\"water pill\"); changes what the flags say",
        "false",
    ),
    (
        "profile.statins",
        "you take a statin; changes what the flags say",
        "false",
    ),
];

/// The defaults that go with `units = "ml"` when the file names none.
const ML_GOAL: &str = "2000ml";
const ML_PRESETS: [&str; 3] = ["250ml", "300ml", "500ml"];

/// A key or value set aside, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    /// `config.toml line 3: ...`, for stderr.
    pub fn render(&self, file: &str) -> String {
        match self.line {
            Some(l) => format!("{file} line {l}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// Reads the file's text, keeping every good key and warning about the rest.
pub fn read_lenient(text: &str) -> (Settings, Vec<Warning>) {
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            let message = format!("{}; using the defaults for every setting", e.message());
            return (Settings::default(), vec![Warning { line, message }]);
        }
    };
    let mut accepted = toml::Table::new();
    let mut warnings = Vec::new();
    let mut keys: Vec<&String> = table.keys().collect();
    // The unit first: the goal and presets are read in it.
    keys.sort_by_key(|k| *k != "units");
    for key in keys {
        let value = &table[key];
        if key == "profile" {
            accept_profile(text, value, &mut accepted, &mut warnings);
            continue;
        }
        if !KEYS.iter().any(|(k, _, _)| k == key) {
            warnings.push(unknown(text, None, key));
            continue;
        }
        let mut trial = accepted.clone();
        trial.insert(key.clone(), value.clone());
        match from_table(&trial) {
            Ok(_) => accepted = trial,
            Err(e) => warnings.push(bad_value(text, None, key, &e)),
        }
    }
    let settings = from_table(&accepted).unwrap_or_default();
    warnings.sort_by_key(|w| w.line);
    (settings, warnings)
}

fn accept_profile(
    text: &str,
    value: &toml::Value,
    accepted: &mut toml::Table,
    warnings: &mut Vec<Warning>,
) {
    let Some(profile) = value.as_table() else {
        warnings.push(bad_value(
            text,
            None,
            "profile",
            "needs to be a [profile] table",
        ));
        return;
    };
    let mut kept = toml::Table::new();
    for (key, v) in profile {
        if !KEYS
            .iter()
            .any(|(k, _, _)| k.strip_prefix("profile.") == Some(key))
        {
            warnings.push(unknown(text, Some("profile"), key));
            continue;
        }
        let mut trial = accepted.clone();
        let mut p = kept.clone();
        p.insert(key.clone(), v.clone());
        trial.insert("profile".into(), toml::Value::Table(p.clone()));
        match from_table(&trial) {
            Ok(_) => kept = p,
            Err(e) => warnings.push(bad_value(text, Some("profile"), key, &e)),
        }
    }
    accepted.insert("profile".into(), toml::Value::Table(kept));
}

/// Settings from a table of keys already known, with the ml defaults.
fn from_table(table: &toml::Table) -> Result<Settings, String> {
    let mut s: Settings = table
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    if s.units == VolumeUnit::Ml {
        if !table.contains_key("daily_goal") {
            s.daily_goal = ML_GOAL.into();
        }
        if !table.contains_key("drink_presets") {
            s.drink_presets = ML_PRESETS.iter().map(|p| p.to_string()).collect();
        }
    }
    s.check()?;
    Ok(s)
}

fn unknown(text: &str, section: Option<&str>, key: &str) -> Warning {
    let names = KEYS.iter().filter_map(|(k, _, _)| match section {
        Some(sec) => k.strip_prefix(sec).and_then(|k| k.strip_prefix('.')),
        None => (!k.contains('.')).then_some(*k),
    });
    let top_level = section.is_some() && KEYS.iter().any(|(k, _, _)| *k == key);
    let guess = if top_level {
        format!(
            " in [{}] (it belongs above that line)",
            section.unwrap_or_default()
        )
    } else {
        crate::domain::suggest::closest(key, names)
            .map(|g| format!(" (did you mean '{g}'?)"))
            .unwrap_or_default()
    };
    Warning {
        line: line_of(text, section, key),
        message: format!("unknown key '{key}'{guess}; ignored, the other settings apply"),
    }
}

fn bad_value(text: &str, section: Option<&str>, key: &str, why: &str) -> Warning {
    let full = section.map_or(key.to_string(), |s| format!("{s}.{key}"));
    let why = why.trim().replace('\n', " ");
    let message = if why.starts_with(key) || why.starts_with(&full) {
        format!("{why}; using its default, the other settings apply")
    } else {
        format!("{full}: {why}; using its default, the other settings apply")
    };
    Warning {
        line: line_of(text, section, key),
        message,
    }
}

/// The line (from 1) where `key` is set in `section` (None: the top).
fn line_of(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            continue;
        }
        let Some(rest) = t.strip_prefix(key) else {
            continue;
        };
        if current.as_deref() == section && rest.trim_start().starts_with('=') {
            return Some(i + 1);
        }
    }
    None
}

/// A commented settings file: every key at its default, commented out.
pub fn template() -> String {
    let mut out = String::from(
        "# crampwatch settings. Every line is commented out at its default:\n\
         # remove the '#' before a key to change it. Unknown keys or bad values\n\
         # are reported (with their line) and the other settings still apply.\n",
    );
    let mut in_profile = false;
    for (key, about, example) in KEYS {
        let name = match key.strip_prefix("profile.") {
            Some(k) => {
                if !in_profile {
                    out.push_str("\n[profile]\n");
                    in_profile = true;
                }
                k
            }
            None => key,
        };
        out.push_str(&format!("\n# {about}\n# {name} = {example}\n"));
    }
    out
}

/// Every key with its effective value (or "unset"), whether it is the
/// default, and its description.
pub fn listing(settings: &Settings, file_text: Option<&str>) -> String {
    let file: toml::Table = file_text
        .and_then(|t| toml::from_str(t).ok())
        .unwrap_or_default();
    let effective = toml::Table::try_from(settings).unwrap_or_default();
    let mut out = String::new();
    for (key, about, _) in KEYS {
        let (value, in_file) = match key.split_once('.') {
            Some((sec, k)) => (
                effective.get(sec).and_then(|t| t.get(k)).cloned(),
                file.get(sec).and_then(|t| t.get(k)).cloned(),
            ),
            None => (effective.get(*key).cloned(), file.get(*key).cloned()),
        };
        let origin = match (&in_file, &value) {
            (None, _) => " [default]",
            (Some(f), Some(v)) if f == v => "",
            // The file's value was set aside (see the warning above).
            (Some(_), _) => " [default: the file's value was set aside]",
        };
        let shown = match value {
            Some(v) => format!("{key} = {v}"),
            None => format!("{key} (unset)"),
        };
        out.push_str(&format!("{shown:<40} # {about}{origin}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_a_warning_with_its_line_and_the_rest_applies() {
        let text = "units = \"ml\"\nuntis = \"oz\"\nday_start_hour = 25\nbell = false\n";
        let (s, warnings) = read_lenient(text);
        assert_eq!(s.units, VolumeUnit::Ml);
        assert!(!s.bell);
        assert_eq!(s.day_start_hour, 4, "the bad hour is set aside");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("'untis'"), "{warnings:?}");
        assert!(
            warnings[0].message.contains("did you mean 'units'"),
            "{warnings:?}"
        );
        assert_eq!(warnings[1].line, Some(3));
        assert!(
            warnings[1].message.contains("day_start_hour"),
            "{warnings:?}"
        );
    }

    #[test]
    fn profile_keys_are_checked_one_by_one() {
        let text = "[profile]\ndiuretics = true\nbody_mass_kg = 5.0\nstatin = true\n";
        let (s, warnings) = read_lenient(text);
        assert!(s.profile.diuretics);
        assert_eq!(s.profile.body_mass_kg, None);
        let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![Some(3), Some(4)], "{warnings:?}");
        assert!(
            warnings[1].message.contains("did you mean 'statins'"),
            "{warnings:?}"
        );
    }

    #[test]
    fn ml_brings_ml_defaults_unless_the_file_says_otherwise() {
        let (s, _) = read_lenient("units = \"ml\"\n");
        assert_eq!(s.goal_ml(), Ok(2000));
        assert_eq!(s.preset_ml(), vec![250, 300, 500]);
        let (s, _) = read_lenient("units = \"ml\"\ndaily_goal = \"2.5l\"\n");
        assert_eq!(s.goal_ml(), Ok(2500));
    }

    #[test]
    fn broken_toml_is_one_warning_and_the_defaults() {
        let (s, warnings) = read_lenient("bell = false\ncolour = [\n");
        assert_eq!(s, Settings::default());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].line.is_some());
    }

    #[test]
    fn the_template_reads_back_as_the_defaults_and_names_every_key() {
        let t = template();
        assert_eq!(read_lenient(&t), (Settings::default(), vec![]));
        for (key, _, _) in KEYS {
            let name = key.rsplit('.').next().unwrap();
            assert!(t.contains(&format!("# {name} = ")), "{key}");
        }
        // Uncommenting every line gives a file that reads without a warning.
        let on: String = t
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = "))
                    .unwrap_or(l)
                    .to_string()
                    + "\n"
            })
            .collect();
        let (s, warnings) = read_lenient(&on);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(s.weight_unit, Some(crate::domain::mass::MassUnit::Kg));
    }

    #[test]
    fn the_listing_shows_unset_keys_and_defaults() {
        let text = "bell = false\n";
        let (s, _) = read_lenient(text);
        let out = listing(&s, Some(text));
        assert!(out.contains("notify_command (unset)"), "{out}");
        assert!(out.contains("profile.body_mass_kg (unset)"), "{out}");
        let bell = out.lines().find(|l| l.starts_with("bell")).unwrap();
        assert!(
            bell.contains("false") && !bell.contains("[default]"),
            "{bell}"
        );
        let units = out.lines().find(|l| l.starts_with("units")).unwrap();
        assert!(units.contains("[default]"), "{units}");
    }
}
