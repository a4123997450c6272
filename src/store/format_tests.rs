//! Every entry kind, every op, survives the journal line and the parse
//! cache, both written and read by the entry types' serde derives.

use super::arbitrary;
use super::cache::Cache;
use crate::domain::history::Event;
use proptest::prelude::*;
use std::fs;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// serde writes one line; the journal's reader (with its checks) and
    /// serde itself both read back exactly the event written.
    #[test]
    fn an_event_survives_its_journal_line(event in arbitrary::event()) {
        prop_assert_eq!(event.check(), Ok(()));
        let line = serde_json::to_string(&event).unwrap();
        prop_assert!(!line.contains('\n'), "one line: {}", line);
        let read = super::parse_event(line.as_bytes()).map_err(|_| "refused").unwrap();
        prop_assert_eq!(&read, &event);
        let by_serde: Event = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(&by_serde, &event);
        prop_assert_eq!(serde_json::to_string(&read).unwrap(), line);
    }

    /// A file's events come back from the cache as they went in.
    #[test]
    fn events_survive_the_cache(events in prop::collection::vec(arbitrary::event(), 0..12)) {
        let tmp = tempfile::tempdir().unwrap();
        let journal = tmp.path().join("data/journal/laptop/2026-10.jsonl");
        fs::create_dir_all(journal.parent().unwrap()).unwrap();
        fs::write(&journal, "x\n").unwrap();
        let meta = fs::metadata(&journal).unwrap();
        let cache = Cache::new(&tmp.path().join("cache"), &tmp.path().join("data"));
        let numbered: Vec<(Event, u32)> =
            events.into_iter().zip((1..).step_by(3)).collect();
        cache.write(&journal, &meta, &numbered);
        prop_assert_eq!(cache.read(&journal, &meta), Some(numbered));
    }
}
