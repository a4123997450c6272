//! `crampwatch weight`: a body weight read in the unit that fits the
//! earlier weighings, checked for plausibility against them (`--force`
//! keeps a deliberate outlier), with urine for a sweat test.

use super::save::{join_unit, past_time, unquoted_at};
use super::{Ctx, user};
use crate::domain::change::{Change, Given};
use crate::domain::entry::{Body, WeighWhen, Weight};
use crate::domain::input::{parse_mass, parse_urine};
use crate::domain::mass::{MassUnit, first_weighing, last_weighing, read_weight, typed_unit};
use crate::domain::say;
use crate::domain::weights::Typed;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct WeightArgs {
    /// Body weight, like 72.4kg or 160lb (a bare number: the unit of your earlier weighings)
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
    /// The unit, when written apart from the number (160 lb)
    #[arg(value_name = "UNIT", hide = true)]
    pub unit: Option<String>,
    /// Before or after a session: --when before
    #[arg(long, value_enum)]
    pub when: Option<WeighWhen>,
    /// Urine passed since the previous weighing, for a sweat test: --urine 300ml
    #[arg(long, value_name = "VOLUME", allow_hyphen_values = true)]
    pub urine: Option<String>,
    /// When you weighed [default: now]: 06:45, 7am, -2h (see TIME in --help)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Keep a weighing that looks implausible next to your earlier ones
    #[arg(long)]
    pub force: bool,
}

pub fn weight(ctx: &Ctx, a: &WeightArgs) -> Result<()> {
    if let Some(msg) = super::messages::unknown_flag(&["weight"], &a.value) {
        return user(msg);
    }
    unquoted_at(&a.value, a.unit.as_deref(), a.at.as_deref())?;
    let text = join_unit(&a.value, a.unit.as_deref());
    let history = ctx.history()?;
    let known = ctx
        .settings
        .weight_unit
        .or_else(|| first_weighing(&history).and_then(typed_unit));
    let (kg, typed) = read_weight(&text, last_weighing(&history), known).or_else(user)?;
    let kg = parse_mass(&format!("{kg}kg"), ctx.unit()).or_else(|_| {
        user(format!(
            "'{}' is not a plausible body weight (20-400 kg, 44-880 lb)",
            text.trim()
        ))
    })?;
    let at = past_time(ctx, a.at.as_deref())?;
    // Against the user's own weighings: a typo or a kg/lb mix-up is refused,
    // naming the likely unit; --force keeps a deliberate one.
    let given = Given {
        force: a.force,
        typed: match text.trim().parse::<f64>() {
            Ok(number) => Typed::Bare {
                number,
                read_as_kg: typed == MassUnit::Kg,
            },
            Err(_) => Typed::WithUnit,
        },
    };
    let weighing = |urine_ml| {
        Body::Weight(Weight {
            kg,
            when: a.when,
            urine_ml,
        })
    };
    let change = Change::Add {
        at,
        body: weighing(None),
    };
    ctx.check(&history, &change, given)?;
    let urine_ml = match &a.urine {
        None => None,
        Some(u) => Some(parse_urine(u, ctx.unit()).or_else(|e| user(format!("--urine: {e}")))?),
    }
    .filter(|ml| *ml > 0);
    let body = weighing(urine_ml);
    let change = Change::Add {
        at,
        body: body.clone(),
    };
    let event = ctx.commit_given(&history, change, given)?;
    crate::say!(
        "saved: {} · {} · id {}",
        say::entry(&body, ctx.unit(), typed, &chrono::Local),
        ctx.when(&at),
        event.id
    );
    Ok(())
}
