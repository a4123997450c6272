//! What the fast line reader collects before it makes a [`Body`].

use super::*;

/// Every field any entry type can have, as the hand-written fast reader
/// (`fastline`) collects them from a line before making a [`Body`]. Not a
/// definition of the format: serde's derives on the entry types are, and a
/// test holds the fast reader to them. It goes when that reader goes.
pub(crate) struct RawBody {
    pub(crate) ty: EntryKind,
    pub(crate) ml: Option<u32>,
    pub(crate) kind: Option<DrinkKind>,
    pub(crate) sodium_mg: Option<u32>,
    pub(crate) note: Option<String>,
    pub(crate) activity: Option<String>,
    pub(crate) end: Option<Time>,
    pub(crate) intensity: Option<Intensity>,
    pub(crate) heat: Option<Heat>,
    pub(crate) new: Option<bool>,
    pub(crate) minutes: Option<u32>,
    pub(crate) muscle: Option<Muscle>,
    pub(crate) muscle_name: Option<String>,
    pub(crate) side: Option<Side>,
    pub(crate) severity: Option<u8>,
    pub(crate) duration_s: Option<u32>,
    pub(crate) context: Option<CrampContext>,
    pub(crate) symptoms: Option<Symptoms>,
    pub(crate) relief: Option<Vec<Relief>>,
    pub(crate) kg: Option<f64>,
    pub(crate) when: Option<WeighWhen>,
    pub(crate) urine_ml: Option<u32>,
    pub(crate) action: Option<MedAction>,
    pub(crate) name: Option<String>,
    pub(crate) class: Option<MedClass>,
    pub(crate) dose: Option<String>,
}

impl TryFrom<RawBody> for Body {
    type Error = String;

    fn try_from(r: RawBody) -> Result<Body, String> {
        let need = |what: &str| format!("a {} entry without `{what}`", r.ty);
        Ok(match r.ty {
            EntryKind::Drink => Body::Drink(Drink {
                ml: r.ml.ok_or_else(|| need("ml"))?,
                kind: r.kind.unwrap_or_default(),
                sodium_mg: r.sodium_mg,
                note: r.note,
            }),
            EntryKind::Workout => Body::Workout(Workout {
                activity: r.activity.ok_or_else(|| need("activity"))?,
                end: r.end,
                intensity: r.intensity.unwrap_or_default(),
                heat: r.heat.unwrap_or_default(),
                new: r.new.unwrap_or(false),
                note: r.note,
            }),
            EntryKind::Plan => Body::Plan(Plan {
                activity: r.activity.ok_or_else(|| need("activity"))?,
                minutes: r.minutes.ok_or_else(|| need("minutes"))?,
                intensity: r.intensity.unwrap_or_default(),
                heat: r.heat.unwrap_or_default(),
                note: r.note,
            }),
            EntryKind::Cramp => Body::Cramp(Cramp {
                muscle: r.muscle.ok_or_else(|| need("muscle"))?,
                side: r.side,
                severity: r.severity,
                duration_s: r.duration_s,
                context: r.context,
                symptoms: r.symptoms.unwrap_or_default(),
                relief: r.relief.unwrap_or_default(),
                note: r.note,
                muscle_name: r.muscle_name,
            }),
            EntryKind::Weight => {
                let kg = r.kg.ok_or_else(|| need("kg"))?;
                if !kg.is_finite() || kg <= 0.0 {
                    return Err(format!("a weight of {kg} kg"));
                }
                Body::Weight(Weight {
                    kg,
                    when: r.when,
                    urine_ml: r.urine_ml,
                })
            }
            EntryKind::Medication => Body::Medication(Medication {
                action: r.action.ok_or_else(|| need("action"))?,
                name: r.name.ok_or_else(|| need("name"))?,
                class: r.class,
                dose: r.dose,
                note: r.note,
            }),
        })
    }
}
