//! Operations as named structs: errors inside an operation name the field, the reader's defaults, the
//! tag-first reader on text and on values, and the wire form unchanged.

use rmos_core::job::{CircleCut, CircleSide, Job, Operation, OperationKind, RectPocket, RosetteChannel};
use serde_json::{json, Value};

const TOP: &str = include_str!("../../examples/jobs/guitar_top.json");

fn with_ops(ops: Value) -> String {
    let mut v: Value = serde_json::from_str(TOP).unwrap();
    v["operations"] = ops;
    v.to_string()
}

fn err(ops: Value) -> String {
    Job::from_json(&with_ops(ops)).unwrap_err().to_string()
}

#[test]
fn a_type_error_inside_an_operation_names_the_field() {
    let ring = json!({"op": "rosette_channel", "center_mm": [280, 210], "inner_diameter_mm": 106,
                      "outer_diameter_mm": 120, "depth_mm": 0.9, "rings": "2"});
    assert_eq!(
        err(json!([ring])),
        "operations[0].rings: invalid type: string \"2\", expected u32"
    );
    let circle = json!({"op": "circle_cut", "center_mm": [280, 210], "diameter_mm": 100, "depth_mm": 3,
                        "side": "inside", "tabs": 4.5});
    assert_eq!(
        err(json!([ring.clone(), circle])),
        "operations[0].rings: invalid type: string \"2\", expected u32"
    );
    let circle = json!({"op": "circle_cut", "center_mm": [280, 210], "diameter_mm": 100, "depth_mm": 3,
                        "side": "inside", "tabs": 4.5});
    assert_eq!(
        err(json!([circle])),
        "operations[0].tabs: invalid type: floating point `4.5`, expected u32"
    );
    let circle = json!({"op": "circle_cut", "center_mm": [280, 210], "diameter_mm": 100, "depth_mm": 3,
                        "side": "middle"});
    let message = err(json!([circle]));
    assert!(
        message.starts_with("operations[0].side: unknown variant `middle`"),
        "{message}"
    );
    let frets = json!({"op": "fret_slots", "scale_length_mm": 647.7, "frets": 20, "nut_at_mm": [10, 200],
                       "board_width_mm": 56, "slot_depth_mm": 3, "kerf_mm": [0.6]});
    let pocket = json!({"op": "rect_pocket", "corner_mm": [10, 10], "size_mm": [40, 30], "depth_mm": 2});
    assert_eq!(
        err(json!([pocket, frets])),
        "operations[1].kerf_mm: invalid type: sequence, expected f64"
    );
    let drill = json!({"op": "drill_pattern", "points_mm": [[50, 50], [60, "x"]], "diameter_mm": 3,
                       "depth_mm": 2, "peck_mm": 1});
    assert_eq!(
        err(json!([drill])),
        "operations[0].points_mm[1][1]: invalid type: string \"x\", expected f64"
    );
    let pocket = json!({"op": "rect_pocket", "corner_mm": [10, 10], "size_mm": [40], "depth_mm": 2});
    assert_eq!(
        err(json!([pocket])),
        "operations[0].size_mm: invalid length 1, expected an array of length 2"
    );
    let profile = json!({"op": "contour_profile", "points_mm": [[0, 0], [10, 0], [10, 10]],
                         "side": "on", "depth_mm": 1, "tab": 2});
    let message = err(json!([profile]));
    assert!(
        message.starts_with("operations[0].tab: unknown field `tab`"),
        "{message}"
    );
}

#[test]
fn missing_fields_and_tags_are_named() {
    assert_eq!(
        err(json!([{"op": "circle_cut", "center_mm": [280, 210], "diameter_mm": 100, "depth_mm": 3}])),
        "operations[0].side: is required"
    );
    assert_eq!(
        err(json!([{"center_mm": [280, 210]}])),
        "operations[0].op: is required"
    );
    let message = err(json!([{"op": 7}]));
    assert!(
        message.starts_with("operations[0].op: invalid type: integer `7`"),
        "{message}"
    );
    let message = err(json!([5]));
    assert!(
        message.starts_with("operations[0]: invalid type: integer `5`"),
        "{message}"
    );
    let message = err(json!({"op": "circle_cut"}));
    assert!(message.starts_with("operations: invalid type: map"), "{message}");
}

#[test]
fn geometry_conveniences_default_and_safety_choices_do_not() {
    let ops = json!([
        {"op": "rosette_channel", "center_mm": [280, 210], "inner_diameter_mm": 106,
         "outer_diameter_mm": 120, "depth_mm": 0.9},
        {"op": "rect_pocket", "corner_mm": [10, 10], "size_mm": [40, 30], "depth_mm": 2}
    ]);
    let job = Job::from_json(&with_ops(ops)).unwrap();
    let Operation::RosetteChannel(ring) = &job.operations[0] else {
        panic!("{:?}", job.operations[0]);
    };
    assert_eq!(ring.rings, 1);
    let Operation::RectPocket(pocket) = &job.operations[1] else {
        panic!("{:?}", job.operations[1]);
    };
    assert_eq!(pocket.corner_radius_mm, 0.0);
    // The defaults are written out, so the document read back is the same job.
    let text = job.to_json();
    assert!(text.contains("\"rings\":1"), "{text}");
    assert!(text.contains("\"corner_radius_mm\":0.0"), "{text}");
    assert_eq!(Job::from_json(&text).unwrap(), job);

    let mut v: Value = serde_json::from_str(TOP).unwrap();
    v["tool"].as_object_mut().unwrap().remove("tool_material");
    assert_eq!(
        Job::from_json(&v.to_string()).unwrap_err().to_string(),
        "tool.tool_material: is required"
    );
    let profile = json!({"op": "contour_profile", "points_mm": [[0, 0], [10, 0], [10, 10]], "depth_mm": 1});
    assert_eq!(err(json!([profile])), "operations[0].side: is required");
}

#[test]
fn the_tag_first_reader_reads_text_in_any_key_order() {
    let tag_first =
        r#"{"op": "circle_cut", "center_mm": [1, 2], "diameter_mm": 10, "depth_mm": 3, "side": "outside"}"#;
    let tag_last =
        r#"{"center_mm": [1, 2], "diameter_mm": 10, "depth_mm": 3, "side": "outside", "op": "circle_cut"}"#;
    let want = Operation::CircleCut(CircleCut {
        center_mm: [1.0, 2.0],
        diameter_mm: 10.0,
        depth_mm: 3.0,
        side: CircleSide::Outside,
        tabs: 0,
    });
    assert_eq!(serde_json::from_str::<Operation>(tag_first).unwrap(), want);
    assert_eq!(serde_json::from_str::<Operation>(tag_last).unwrap(), want);
    // Tag first: serde_json's own error names the line and column of the bad field.
    let bad = tag_first.replace("\"diameter_mm\": 10", "\"diameter_mm\": \"10\"");
    let e = serde_json::from_str::<Operation>(&bad).unwrap_err().to_string();
    assert!(e.starts_with("invalid type: string \"10\", expected f64"), "{e}");
    // Tag last: the gathered body's error names the field.
    let bad = tag_last.replace("\"diameter_mm\": 10", "\"diameter_mm\": \"10\"");
    let e = serde_json::from_str::<Operation>(&bad).unwrap_err().to_string();
    assert!(
        e.starts_with("diameter_mm: invalid type: string \"10\", expected f64"),
        "{e}"
    );
}

#[test]
fn the_wire_form_is_the_tag_then_the_fields() {
    let op = Operation::RosetteChannel(RosetteChannel {
        center_mm: [280.0, 210.0],
        inner_diameter_mm: 106.0,
        outer_diameter_mm: 120.0,
        depth_mm: 0.9,
        rings: 2,
    });
    assert_eq!(
        serde_json::to_string(&op).unwrap(),
        r#"{"op":"rosette_channel","center_mm":[280.0,210.0],"inner_diameter_mm":106.0,"outer_diameter_mm":120.0,"depth_mm":0.9,"rings":2}"#
    );
    assert_eq!(op.kind(), RosetteChannel::KIND);
    assert_eq!(op.depth_mm(), 0.9);
    let pocket = RectPocket {
        corner_mm: [0.0, 0.0],
        size_mm: [10.0, 10.0],
        corner_radius_mm: 5.01,
        depth_mm: 1.0,
    };
    assert_eq!(
        pocket.validate(3).unwrap_err().to_string(),
        "operations[3].corner_radius_mm: must be <= half the pocket's smaller side"
    );
}
