//! Every reader on random and mutated bytes: no panic, no hang (each case
//! is small and the readers make one pass, so a hang would show as a test
//! that never ends).

use super::walk::read_small;
use super::{apple, fit, gpx, strava, tcx};
use crate::domain::import_rules::ImportRules;
use crate::domain::rules::Rules;
use proptest::prelude::*;

const FIT: &[u8] = include_bytes!("../../tests/fixtures/devices/garmin-fenix-5-run.fit");
const SCALE: &[u8] = include_bytes!("../../tests/fixtures/devices/WeightScaleMultiUser.fit");
const TCX: &[u8] = include_bytes!("../../tests/fixtures/devices/test.tcx");
const GPX: &[u8] = include_bytes!("../../tests/fixtures/devices/gpx-garmin-ext.gpx");
const APPLE: &[u8] = include_bytes!("../../tests/fixtures/devices/apple-export.xml");
const STRAVA: &[u8] = include_bytes!("../../tests/fixtures/devices/strava/activities.csv");
const GZ: &[u8] = include_bytes!("../../tests/fixtures/devices/bike.fit.gz");

fn rules() -> ImportRules {
    Rules::embedded().unwrap().import
}

/// A sample with some bytes changed, cut short, or both.
fn mutated(sample: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(move |(flips, cut, do_cut)| {
            let mut b = sample.to_vec();
            for (i, v) in flips {
                let i = i.index(b.len());
                b[i] = v;
            }
            if do_cut {
                b.truncate(cut.index(b.len() + 1));
            }
            b
        })
}

fn all_readers(b: &[u8]) {
    let r = rules();
    let _ = fit::read(b, &r);
    let _ = tcx::read(b, &r);
    let _ = gpx::read(b, &r);
    let _ = apple::read(b, &r);
    let _ = strava::read(b, &r, |_| None);
    let _ = read_small("x.gz", b, &r, 0);
}

proptest! {
    // Failures found are kept beside this file
    // (fuzz_tests.proptest-regressions) and run again first.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..2048)) {
        all_readers(&b);
        // With a FIT header in front, the FIT decoder gets past the header check.
        let mut f = FIT[..14].to_vec();
        f.extend_from_slice(&b);
        let _ = fit::read(&f, &rules());
    }

    #[test]
    fn mutated_fit_never_panics(b in mutated(FIT), s in mutated(SCALE)) {
        let _ = fit::read(&b, &rules());
        let _ = fit::read(&s, &rules());
    }

    #[test]
    fn mutated_tcx_never_panics(b in mutated(TCX)) {
        let _ = tcx::read(&b, &rules());
    }

    #[test]
    fn mutated_gpx_never_panics(b in mutated(GPX)) {
        let _ = gpx::read(&b, &rules());
    }

    #[test]
    fn mutated_apple_health_never_panics(b in mutated(APPLE)) {
        let _ = apple::read(&b[..], &rules());
    }

    #[test]
    fn mutated_strava_csv_never_panics(b in mutated(STRAVA)) {
        let _ = strava::read(&b, &rules(), |_| None);
    }

    #[test]
    fn mutated_gzip_never_panics(b in mutated(GZ)) {
        let _ = read_small("bike.fit.gz", &b, &rules(), 0);
    }
}
