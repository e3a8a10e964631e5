//! Input hygiene: timestamps name real instants, actor ids are printable and bounded, an override reason
//! counts letters and digits, and a release cannot happen before its approval. Each refusal is recorded.

mod common;

use common::*;
use proptest::prelude::*;
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::{MemoryStore, RunStatus, RunStore};
use rmos_core::timestamp::Timestamp;
use rmos_core::workflow::Session;
use rmos_core::ReleaseError;

const REASON: &str = "fresh bit, runout checked";

fn first_actor_id(store: &MemoryStore) -> String {
    let mut id = None;
    store
        .for_each_stored(&mut |s| {
            if s.seq == 0 {
                let artifact = rmos_core::runs::RunArtifact::from_canonical_bytes(&s.bytes).unwrap();
                id = Some(artifact.record.actor.id);
            }
            Ok(())
        })
        .unwrap();
    id.unwrap()
}

#[test]
fn only_real_calendar_instants_are_timestamps() {
    for good in [
        "2024-02-29T00:00:00Z",
        "2000-02-29T12:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2016-12-31T23:59:60Z",
        "1972-06-30T23:59:60.5Z",
    ] {
        assert!(Timestamp::parse(good).is_ok(), "{good}");
    }
    for (bad, why) in [
        ("2026-02-31T10:00:00Z", "that day does not exist in that month"),
        ("2023-02-29T10:00:00Z", "that day does not exist in that month"),
        ("1900-02-29T10:00:00Z", "that day does not exist in that month"),
        ("2026-04-31T10:00:00Z", "that day does not exist in that month"),
        ("2026-11-00T10:00:00Z", "that day does not exist in that month"),
        ("0000-01-01T00:00:00Z", "there is no year 0000"),
        ("2026-00-10T10:00:00Z", "the month must be 01 to 12"),
        ("2026-11-22T24:00:00Z", "the time of day is out of range"),
        ("2026-11-22T10:60:00Z", "the time of day is out of range"),
        ("2026-11-22T10:00:61Z", "the time of day is out of range"),
        (
            "2017-06-30T23:59:60Z",
            "second 60 is only a leap second at 23:59:60 on a day that had one",
        ),
        (
            "2016-12-31T10:00:60Z",
            "second 60 is only a leap second at 23:59:60 on a day that had one",
        ),
        (
            "2026-11-22T10:00:00.Z",
            "the fraction of a second must be '.' and digits",
        ),
        (
            "2026-11-22T10:00:00,5Z",
            "the fraction of a second must be '.' and digits",
        ),
        ("2026-11-22 10:00:00Z", "not of the form YYYY-MM-DDTHH:MM:SSZ"),
        (
            "2026-11-22T10:00:00+01:00",
            "not of the form YYYY-MM-DDTHH:MM:SSZ",
        ),
        ("+026-11-22T10:00:00Z", "not of the form YYYY-MM-DDTHH:MM:SSZ"),
    ] {
        assert_eq!(Timestamp::parse(bad).unwrap_err().why, why, "{bad}");
    }
    let long = format!("2026-11-22T10:00:00.{}Z", "1".repeat(60));
    assert_eq!(
        Timestamp::parse(&long).unwrap_err().why,
        "longer than 64 characters"
    );
}

#[test]
fn timestamps_order_by_instant() {
    let t = |s| Timestamp::parse(s).unwrap();
    assert_eq!(t("2026-11-22T10:00:00Z"), t("2026-11-22T10:00:00.000Z"));
    assert!(t("2026-11-22T10:00:00Z") < t("2026-11-22T10:00:00.001Z"));
    assert!(t("2016-12-31T23:59:59.9Z") < t("2016-12-31T23:59:60Z"));
    assert!(t("2016-12-31T23:59:60.9Z") < t("2017-01-01T00:00:00Z"));
    assert!(t("2024-02-29T23:59:59Z") < t("2024-03-01T00:00:00Z"));
    assert!(t("1999-12-31T23:59:59Z") < t("2000-01-01T00:00:00Z"));
    assert_eq!(
        t("2016-12-31T23:59:60.25Z").to_string(),
        "2016-12-31T23:59:60.25Z"
    );
}

fn valid_date() -> impl Strategy<Value = (u32, u32, u32, u32, u32, u32)> {
    (1u32..=9999, 1u32..=12, 0u32..24, 0u32..60, 0u32..60).prop_flat_map(|(y, m, h, mi, s)| {
        let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        let days: u32 = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (Just(y), Just(m), 1..=days, Just(h), Just(mi), Just(s))
    })
}

proptest! {
    #[test]
    fn every_calendar_instant_reads_and_orders_as_its_fields((a, b) in (valid_date(), valid_date())) {
        let text = |(y, m, d, h, mi, s): (u32, u32, u32, u32, u32, u32)| {
            format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
        };
        let (ta, tb) = (Timestamp::parse(&text(a)).unwrap(), Timestamp::parse(&text(b)).unwrap());
        prop_assert_eq!(ta.to_string(), text(a));
        prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
    }

    #[test]
    fn no_text_makes_the_reader_panic(text in "\\PC{0,80}") {
        let _ = Timestamp::parse(&text);
    }
}

#[test]
fn an_impossible_date_is_an_error_artifact() {
    let policy = Policy::default();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    let mut store = MemoryStore::new();
    let blocked = evaluated
        .approve(&Actor::human("luthier"), "2026-02-31T10:00:00Z", &mut store)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Error);
    assert_eq!(
        blocked.reasons,
        [
            "at: \"2026-02-31T10:00:00Z\" is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SSZ): that day \
             does not exist in that month"
        ]
    );
    assert_eq!(store.len().unwrap(), 1);
}

#[test]
fn actor_ids_are_printable_bounded_and_recorded_as_such() {
    let policy = Policy::default();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    let cases = [
        (String::new(), "actor id \"\" is empty"),
        ("   ".to_owned(), "actor id \"   \" is empty"),
        (
            "luthier\0root".to_owned(),
            "actor id \"luthier?root\" holds a control or whitespace character other than a space",
        ),
        (
            "luthier\u{2028}".to_owned(),
            "actor id \"luthier\\u{2028}\" holds a control or whitespace character other than a space",
        ),
    ];
    for (id, reason) in cases {
        let mut store = MemoryStore::new();
        let blocked = evaluated
            .approve(&Actor::human(id.clone()), AT, &mut store)
            .unwrap_err();
        assert_eq!(blocked.status, RunStatus::Error, "{id:?}");
        assert_eq!(blocked.reasons, [reason]);
        assert!(!first_actor_id(&store).contains('\0'));
    }
    let mut store = MemoryStore::new();
    let long = "x".repeat(129);
    let blocked = evaluated
        .approve(&Actor::human(long), AT, &mut store)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Error);
    assert!(blocked.reasons[0].ends_with(" is longer than 128 bytes"));
    assert_eq!(first_actor_id(&store), "x".repeat(128));
    let mut store = MemoryStore::new();
    let edge = "é".repeat(64); // 128 bytes exactly
    assert!(evaluated.approve(&Actor::human(edge), AT, &mut store).is_ok());
}

#[test]
fn an_override_reason_counts_letters_and_digits() {
    let p = Policy::default();
    let human = Actor::human("luthier");
    let decide = |reason: &str| {
        p.decide(
            &human,
            rmos_core::feasibility::Bucket::Yellow,
            Some(&Override::new(reason, false)),
        )
    };
    assert!(decide("0123456789").approved());
    for padded in [
        "012345678\u{200b}\u{200b}\u{200b}",
        "012345678\u{0301}\u{0301}",
        "012345678\u{7}\u{7}\u{7}",
        "0 1 2 3 4 5 6 7 8 . . . !",
    ] {
        let d = decide(padded);
        assert_eq!(
            d.reasons(),
            ["override reason has 9 letters and digits; at least 10 are required"],
            "{padded:?}"
        );
    }
    assert!(decide("ébène, bit checked").approved());
}

#[test]
fn a_release_cannot_precede_its_approval() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let approved = Session::new(yellow_job())
        .evaluate(&policy)
        .approve_with_override(
            &Actor::human("luthier"),
            &Override::new(REASON, false),
            "2026-11-22T10:00:00.5Z",
            &mut store,
        )
        .unwrap();
    match Program::release(&approved, Post::Grbl, "2026-11-22T10:00:00Z", &mut store) {
        Err(ReleaseError::Failed { reasons, .. }) => {
            assert_eq!(
            reasons,
            ["at: 2026-11-22T10:00:00Z precedes the approval's 2026-11-22T10:00:00.5Z; a release cannot \
              happen before its approval"]
        )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.len().unwrap(), 2);
    // The same instant is not earlier.
    assert!(Program::release(&approved, Post::Grbl, "2026-11-22T10:00:00.500Z", &mut store).is_ok());
    store.verify().unwrap();
}

#[test]
fn a_key_named_twice_is_refused_with_its_path() {
    use rmos_core::job::Job;
    let text = include_str!("../../examples/jobs/guitar_top.json");
    let twice = text.replacen("\"thickness_mm\"", "\"thickness_mm\": 30, \"thickness_mm\"", 1);
    assert_ne!(twice, text);
    let err = Job::from_json(&twice).unwrap_err();
    assert_eq!(err.to_string(), "stock.thickness_mm: duplicate key");

    let depth_twice = text.replacen("\"depth_mm\"", "\"depth_mm\": 0.5, \"depth_mm\"", 1);
    assert_eq!(
        Job::from_json(&depth_twice).unwrap_err().to_string(),
        "operations[0].depth_mm: duplicate key"
    );
    let top_twice = text.replacen('{', "{\"name\": \"a\", \"name\": \"b\", ", 1);
    assert_eq!(
        Job::from_json(&top_twice).unwrap_err().to_string(),
        "name: duplicate key"
    );

    let policy = r#"{"allow_red_override": false, "allow_red_override": true}"#;
    let err = rmos_core::gates::Policy::from_json(policy).unwrap_err();
    assert!(
        err.to_string().contains("allow_red_override: duplicate key"),
        "{err}"
    );
}

proptest! {
    #[test]
    fn documents_without_duplicates_read_as_serde_json_reads_them(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(rmos_core::content::parse_document(&text, 1 << 20).unwrap(), value);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{0,4}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
