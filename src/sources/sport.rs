//! A source's sport name to crampwatch's activity words.

/// The activities imports map to.
pub const ACTIVITIES: [&str; 10] = [
    "run", "ride", "swim", "walk", "hike", "row", "paddle", "ski", "gym", "other",
];

/// Maps a sport as a file names it ("running", "Ride", "trail_running",
/// "HKWorkoutActivityTypeCycling", "VirtualRide", "fitness_equipment")
/// to one of [`ACTIVITIES`]; unknown sports are "other".
pub fn activity(sport: &str) -> &'static str {
    let s: String = sport
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let s = s.strip_prefix("hkworkoutactivitytype").unwrap_or(&s);
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    // Order matters: "cross country skiing" before "running", "paddle"
    // before the rest.
    if has(&["ski", "snowboard"]) {
        "ski"
    } else if has(&["paddl", "kayak", "canoe", "sup", "raft"]) {
        "paddle"
    } else if has(&["row"]) {
        "row"
    } else if has(&["swim"]) {
        "swim"
    } else if has(&["run", "jog"]) {
        "run"
    } else if has(&["cycl", "bik", "ride", "handcycle", "velomobile"]) {
        "ride"
    } else if has(&["hik"]) {
        "hike"
    } else if has(&["walk"]) {
        "walk"
    } else if has(&[
        "strength",
        "weight",
        "fitnessequipment",
        "training",
        "crossfit",
        "hiit",
        "elliptical",
        "stair",
        "workout",
        "gym",
        "crosstraining",
    ]) {
        "gym"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::activity;

    #[test]
    fn sports_of_each_source_map_to_activities() {
        for (from, to) in [
            ("running", "run"),      // FIT
            ("Running", "run"),      // TCX
            ("Biking", "ride"),      // TCX
            ("cycling", "ride"),     // FIT
            ("Ride", "ride"),        // Strava
            ("VirtualRide", "ride"), // Strava
            ("Trail Run", "run"),    // Strava
            ("HKWorkoutActivityTypeSwimming", "swim"),
            ("HKWorkoutActivityTypeHiking", "hike"),
            ("HKWorkoutActivityTypeTraditionalStrengthTraining", "gym"),
            ("Walk", "walk"),
            ("rowing", "row"),
            ("Kayaking", "paddle"),
            ("StandUpPaddling", "paddle"),
            ("cross_country_skiing", "ski"),
            ("AlpineSki", "ski"),
            ("fitness_equipment", "gym"),
            ("WeightTraining", "gym"),
            ("Other", "other"),
            ("", "other"),
            ("yoga", "other"),
        ] {
            assert_eq!(activity(from), to, "{from}");
        }
    }
}
