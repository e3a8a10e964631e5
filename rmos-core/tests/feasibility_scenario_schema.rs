//! Scenario files as shops write them: every key of the published scenario schema is accepted, the
//! descriptive ones change nothing, unknown keys are still refused at their path, and the prebuilt entry
//! gives the same report as the text one.

use rmos_core::feasibility::{evaluate_classic, evaluate_scenario, Bucket, ClassicScenario};
use serde_json::{json, Value};

fn run(v: &Value) -> rmos_core::feasibility::FeasibilityReport {
    evaluate_scenario(&v.to_string()).unwrap()
}

fn err(v: &Value) -> (String, String) {
    let e = evaluate_scenario(&v.to_string()).unwrap_err();
    (e.path, e.reason)
}

/// A validation file as the upstream suite carries it: descriptive keys everywhere.
fn shop_file() -> Value {
    json!({
        "name": "rosette channel in spruce",
        "description": "a 3 mm channel, 1.5 mm deep",
        "geometry": {"type": "rosette_pocket", "inner_diameter_mm": 80, "outer_diameter_mm": 86,
                     "width_mm": 3, "depth_mm": 1.5, "wall_thickness_mm": 2.5},
        "material": {"id": "spruce_sitka", "name": "Sitka spruce", "type": "softwood",
                     "hardness": "soft", "thickness_mm": 3.2},
        "tool": {"id": "em_2", "name": "2 mm upcut", "type": "flat_end_mill", "flutes": 2,
                 "diameter_mm": 2, "flute_length_mm": 6, "stick_out_mm": 12},
        "params": {"doc_mm": 0.75, "woc_percent": 40, "feed_rate_mm_min": 1200, "coolant": false}
    })
}

/// The same scenario with only the keys the rules read.
fn bare_file() -> Value {
    let mut v = shop_file();
    let o = v.as_object_mut().unwrap();
    o.remove("name");
    o.remove("description");
    for (section, keys) in [
        ("geometry", &["inner_diameter_mm", "outer_diameter_mm"][..]),
        ("material", &["name", "type"][..]),
        ("tool", &["id", "name", "type", "flutes"][..]),
    ] {
        let s = o[section].as_object_mut().unwrap();
        for k in keys {
            assert!(s.remove(*k).is_some(), "{section}.{k}");
        }
    }
    v
}

#[test]
fn descriptive_keys_are_accepted_and_change_nothing() {
    let shop = run(&shop_file());
    let bare = run(&bare_file());
    assert_eq!(shop, bare);
    // A 2 mm tool, 0.75 mm passes, 1.5 mm deep in soft spruce beside a 2.5 mm wall: no rule fires.
    assert_eq!(shop.bucket, Bucket::Green, "{:?}", shop.codes());
    assert!(!shop.client_feasibility_ignored);
}

#[test]
fn material_type_alone_does_not_set_hardness() {
    let mut v = shop_file();
    v["material"] = json!({"type": "softwood"});
    assert_eq!(run(&v).codes(), ["F024"]);
    v["material"] = json!({"id": "spruce_sitka", "type": "hardwood"});
    // The catalog's hardness for the id (soft), not the descriptive type.
    assert!(run(&v).findings.is_empty());
}

#[test]
fn material_null_is_no_material() {
    let mut v = shop_file();
    v["material"] = Value::Null;
    let r = run(&v);
    assert_eq!(r.codes(), ["F024"]);
    let mut w = shop_file();
    w.as_object_mut().unwrap().remove("material");
    assert_eq!(run(&w), r);
}

#[test]
fn unknown_keys_are_still_refused_at_their_path() {
    let mut v = shop_file();
    v["params"]["dok_mm"] = json!(2);
    let (path, reason) = err(&v);
    assert_eq!(path, "params.dok_mm");
    assert!(reason.starts_with("unknown field `dok_mm`"), "{reason}");
    let mut v = shop_file();
    v["geometry"]["inner_diameter"] = json!(80);
    assert_eq!(err(&v).0, "geometry.inner_diameter");
    let mut v = shop_file();
    v["tool"]["flute_count"] = json!(2);
    assert_eq!(err(&v).0, "tool.flute_count");
    let mut v = shop_file();
    v["material"]["kind"] = json!("softwood");
    assert_eq!(err(&v).0, "material.kind");
    let mut v = shop_file();
    v["geometry"]["island"] = json!({"type": "L-shape", "width": 4});
    assert_eq!(err(&v).0, "geometry.island.width");
    let mut v = shop_file();
    v["extra"] = json!(1);
    assert_eq!(err(&v).0, "extra");
}

#[test]
fn descriptive_keys_keep_their_types() {
    let mut v = shop_file();
    v["tool"]["flutes"] = json!("two");
    assert_eq!(
        err(&v),
        (
            "tool.flutes".into(),
            "invalid type: string \"two\", expected u32".into()
        )
    );
    let mut v = shop_file();
    v["geometry"]["outer_diameter_mm"] = json!([86]);
    assert_eq!(
        err(&v),
        (
            "geometry.outer_diameter_mm".into(),
            "invalid type: sequence, expected f64".into()
        )
    );
    let mut v = shop_file();
    v["material"]["type"] = json!(7);
    assert_eq!(
        err(&v),
        (
            "material.type".into(),
            "invalid type: integer `7`, expected a string".into()
        )
    );
    let mut v = shop_file();
    v["name"] = json!(["a"]);
    assert_eq!(err(&v).0, "name");
}

#[test]
fn client_feasibility_is_dropped_in_every_section() {
    let plain = run(&shop_file());
    for (section, key) in [
        ("geometry", "risk_level"),
        ("material", "feasibility"),
        ("tool", "approved"),
        ("params", "score"),
    ] {
        let mut v = shop_file();
        v[section][key] = json!({"anything": [1, 2]});
        let r = run(&v);
        assert!(r.client_feasibility_ignored, "{section}.{key}");
        assert_eq!(r.findings, plain.findings);
    }
    let mut v = json!({"geometry": {"type": "multi_pocket",
                                   "pockets": [{"w": 1}, {"nested": [{"safety": "ok"}]}]},
                       "material": {"id": "maple_hard"}});
    let flagged = run(&v);
    assert!(flagged.client_feasibility_ignored);
    v["geometry"]["pockets"] = json!([{"w": 1}, {"nested": [{"fine": "ok"}]}]);
    let clean = run(&v);
    assert!(!clean.client_feasibility_ignored);
    assert_eq!(flagged.findings, clean.findings);
}

#[test]
fn trailing_text_is_malformed_json() {
    let text = format!("{} x", shop_file());
    let e = evaluate_scenario(&text).unwrap_err();
    assert_eq!(e.path, "$");
    assert!(
        e.reason.starts_with("invalid JSON: trailing characters"),
        "{}",
        e.reason
    );
}

#[test]
fn the_prebuilt_entry_gives_the_text_entrys_report() {
    for v in [
        shop_file(),
        bare_file(),
        json!({"geometry": {"type": "slot", "width_mm": 2}}),
    ] {
        let text = v.to_string();
        let scenario = ClassicScenario::from_json(&text).unwrap();
        let once = evaluate_classic(&scenario);
        assert_eq!(once, evaluate_scenario(&text).unwrap());
        assert_eq!(evaluate_classic(&scenario), once);
    }
}
