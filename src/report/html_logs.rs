//! The logs of the HTML report: every cramp, then as an appendix the drinks
//! (day by day), the workouts and the medicines.

use super::Report;
use crate::domain::day::day_of;
use crate::domain::entry::{Body, DrinkKind, format_duration};
use chrono::TimeZone;
use maud::{Markup, html};

pub(super) fn cramp_log<Tz: TimeZone>(r: &Report<Tz>) -> Markup {
    let dash = || "–".to_string();
    html! {
        section #cramps .page {
            h2 { "Log of cramps" }
            @if r.summary.totals.cramps == 0 { p { "No cramps logged in this period." } } @else {
                table {
                    thead { tr { th { "When" } th { "Muscle" } th { "Side" } th { "Severity" } th { "Duration" } th { "Context" } th { "Tied to exercise" } th { "Symptoms" } th { "Eased by" } th { "Note" } } }
                    tbody {
                        @for (e, c) in r.cramps() {
                            tr {
                                td { (r.local(&e.at).format("%a %-d %b %H:%M")) }
                                td { (c.muscle_words()) } td { (c.side.map_or_else(dash, |s| s.to_string())) }
                                td { (c.severity.map_or_else(dash, |s| s.to_string())) }
                                td { (c.duration_s.map_or_else(dash, format_duration)) }
                                td { (c.context.map_or_else(dash, |s| s.to_string())) }
                                td { (if r.is_tied(&e.id) { "yes" } else { "no" }) }
                                td { (if c.symptoms.any() { c.symptoms.names().join(", ") } else { dash() }) }
                                td { (c.relief.iter().map(|x| x.word()).collect::<Vec<_>>().join(", ")) }
                                td.note { (c.note.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One day of drinks, added up (a clinician reads days, not sips).
struct DrinkDay {
    date: chrono::NaiveDate,
    count: u32,
    ml: u32,
    salty: u32,
    sodium_mg: u32,
    notes: Vec<String>,
}

fn drink_days<Tz: TimeZone>(r: &Report<Tz>) -> Vec<DrinkDay> {
    let mut days: Vec<DrinkDay> = Vec::new();
    for e in &r.entries {
        let Body::Drink(d) = &e.body else { continue };
        let date = day_of(&e.at, &r.tz, r.prefs.day_start_hour);
        if days.last().is_none_or(|x| x.date != date) {
            days.push(DrinkDay {
                date,
                count: 0,
                ml: 0,
                salty: 0,
                sodium_mg: 0,
                notes: Vec::new(),
            });
        }
        let day = days.last_mut().expect("pushed above");
        day.count += 1;
        day.ml += d.ml;
        day.salty += u32::from(d.kind != DrinkKind::Water && d.kind != DrinkKind::Other);
        day.sodium_mg += d.sodium_mg.unwrap_or(0);
        day.notes.extend(d.note.clone());
    }
    days
}

pub(super) fn appendix<Tz: TimeZone>(r: &Report<Tz>) -> Markup {
    let unit = r.prefs.unit;
    let when = |t| r.local(t).format("%a %-d %b %H:%M").to_string();
    html! {
        section #appendix .page {
            h2 { "Appendix: drinks, workouts and medicines" }
            h3 { "Drinks, day by day" }
            table #drinks {
                thead { tr { th { "Day" } th { "Drinks" } th { "Total" } th { "Goal met" } th { "Sports or electrolyte" } th { "Sodium (mg)" } th { "Notes" } } }
                tbody { @for d in drink_days(r) { tr {
                    td { (d.date.format("%a %-d %b")) } td { (d.count) } td { (unit.format(d.ml as f64)) }
                    td { (if d.ml >= r.prefs.goal_ml && r.prefs.goal_ml > 0 { "yes" } else { "no" }) }
                    td { (d.salty) } td { (d.sodium_mg) } td.note { (d.notes.join("; ")) }
                } } }
            }
            h3 { "Workouts" }
            table #workouts {
                thead { tr { th { "Start" } th { "Minutes" } th { "Activity" } th { "Intensity" } th { "Heat" } th { "New" } th { "Note" } } }
                tbody { @for e in &r.entries { @if let Body::Workout(w) = &e.body { tr {
                    td { (when(&e.at)) } td { (w.end.map_or("running".into(), |end| (end - e.at).num_minutes().to_string())) }
                    td { (w.activity) } td { (w.intensity) } td { (w.heat) } td { (if w.new { "yes" } else { "" }) }
                    td.note { (w.note.as_deref().unwrap_or("")) }
                } } } }
            }
            h3 { "Medicines (whole journal)" }
            @if r.courses.is_empty() { p { "None logged." } } @else {
                table #medicines {
                    thead { tr { th { "Medicine" } th { "Class" } th { "Dose" } th { "Started" } th { "Stopped" } } }
                    tbody { @for c in &r.courses { tr {
                        td { (c.name) } td { (c.class_word()) } td { (c.dose.as_deref().unwrap_or("")) }
                        td { (c.start.map_or("not logged".into(), |t| r.local(&t).format("%-d %b %Y").to_string())) }
                        td { (c.stop.map_or("still taken".into(), |t| r.local(&t).format("%-d %b %Y").to_string())) }
                    } } }
                }
            }
        }
    }
}
