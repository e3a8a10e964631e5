//! RFC 8785 canonicalisation: the RFC's number table and examples, escaping, key order, and properties.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rmos_core::content::{
    canonical_bytes, canonical_json, check_canonical_json, hash_canonical, try_canonical_bytes,
    CanonicalError, ContentHash, NotCanonical,
};
use rmos_core::feasibility::{Bucket, Estimates, FeasibilityReport, Finding};
use rmos_core::gates::Policy;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{json, Value};

fn text(value: &Value) -> String {
    String::from_utf8(canonical_json(value)).unwrap()
}

fn number(x: f64) -> String {
    text(&json!(x))
}

/// RFC 8785 appendix B: IEEE 754 bit patterns and their canonical text.
#[test]
fn rfc_8785_number_table() {
    let table: &[(u64, &str)] = &[
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ];
    for &(bits, want) in table {
        assert_eq!(number(f64::from_bits(bits)), want, "bits {bits:016x}");
    }
}

#[test]
fn number_layout_around_each_boundary() {
    assert_eq!(number(1e21), "1e+21");
    assert_eq!(number(1e20), "100000000000000000000");
    assert_eq!(number(1e-7), "1e-7");
    assert_eq!(number(1e-6), "0.000001");
    assert_eq!(number(1.2e-6), "0.0000012");
    assert_eq!(number(-0.0), "0");
    assert_eq!(number(4.5), "4.5");
    assert_eq!(number(100.0), "100");
    assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(number(-1.5e300), "-1.5e+300");
    assert_eq!(number(2.5e-300), "2.5e-300");
    assert_eq!(number(123456.789), "123456.789");
}

#[test]
fn integers_beyond_2_pow_53_become_the_nearest_double() {
    assert_eq!(text(&json!(9_007_199_254_740_993u64)), "9007199254740992");
    assert_eq!(text(&json!(u64::MAX)), "18446744073709552000");
    assert_eq!(text(&json!(i64::MIN)), "-9223372036854776000");
    assert_eq!(text(&json!(42u64)), "42");
    assert_eq!(text(&json!(-42i64)), "-42");
}

#[test]
fn non_finite_numbers_are_null_as_in_serde_json() {
    assert_eq!(canonical_bytes(&f64::NAN), b"null");
    assert_eq!(
        canonical_bytes(&[f64::INFINITY, f64::NEG_INFINITY]),
        b"[null,null]"
    );
    assert_eq!(serde_json::to_value(f64::NAN).unwrap(), Value::Null);
}

/// RFC 8785 section 3.2.2: the example of values, escaping and literals.
#[test]
fn rfc_8785_values_example() {
    let input = r#"{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"#;
    let value: Value = serde_json::from_str(input).unwrap();
    assert_eq!(
        text(&value),
        r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    );
}

/// RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so the emoji (a surrogate pair) comes before
/// U+FB33 although its code point is higher.
#[test]
fn rfc_8785_sorting_example() {
    let input = r#"{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }"#;
    let value: Value = serde_json::from_str(input).unwrap();
    let order = key_order(&canonical_json(&value));
    assert_eq!(
        order,
        ["\r", "1", "\u{80}", "\u{f6}", "\u{20ac}", "\u{1f600}", "\u{fb33}"]
    );
    assert!(text(&value).starts_with(r#"{"\r":"Carriage Return","1":"One","#));
}

/// RFC 8785 test data: nested structures and empty keys.
#[test]
fn nested_structures_and_empty_keys() {
    let input = r#"{
      "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
      "10": { },
      "": "empty",
      "a": { },
      "111": [ { } ],
      "A": { }
    }"#;
    let value: Value = serde_json::from_str(input).unwrap();
    assert_eq!(
        text(&value),
        r#"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"#
    );
}

/// RFC 8785 test data: DEL and characters above U+007F are literal; only controls are escaped.
#[test]
fn weird_keys_and_literal_characters() {
    let input = r#"{
      "\u20ac": "Euro Sign",
      "1": "One",
      "\u0080": "Control\u007f",
      "\ud83d\ude02": "Smiley",
      "\u00f6": "Latin Small Letter O With Diaeresis",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "</script>": "Browser Challenge"
    }"#;
    let value: Value = serde_json::from_str(input).unwrap();
    assert_eq!(
        text(&value),
        "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u{80}\":\"Control\u{7f}\",\
         \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
         \"\u{1f602}\":\"Smiley\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    );
}

#[test]
fn every_control_character_has_its_escape() {
    let all: String = (0u8..0x20).map(char::from).collect();
    let want =
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\
                \\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\
                \\u001d\\u001e\\u001f\"";
    assert_eq!(String::from_utf8(canonical_bytes(&all)).unwrap(), want);
    assert_eq!(
        canonical_bytes("a\"b\\c/\u{2028}\u{7f}"),
        "\"a\\\"b\\\\c/\u{2028}\u{7f}\"".as_bytes()
    );
}

#[test]
fn structs_encode_as_their_serde_json_value_does() {
    let report = FeasibilityReport {
        bucket: Bucket::Red,
        score: 12.5,
        findings: vec![Finding {
            code: "DEFLECTION_HIGH".into(),
            bucket: Bucket::Red,
            message: "deflection 0.2 mm above 0.15 mm".into(),
            value: Some(0.2),
            limit: Some(0.15),
            operation: None,
        }],
        estimates: Estimates {
            cycle_time_s: 1e-7,
            material_removed_mm3: 1e21,
        },
        engine: "rmos.feasibility/0.1.0".into(),
        client_feasibility_ignored: true,
    };
    let bytes = canonical_bytes(&report);
    assert_eq!(bytes, canonical_json(&serde_json::to_value(&report).unwrap()));
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        r#"{"bucket":"RED","client_feasibility_ignored":true,"engine":"rmos.feasibility/0.1.0","estimates":{"cycle_time_s":1e-7,"material_removed_mm3":1e+21},"findings":[{"bucket":"RED","code":"DEFLECTION_HIGH","limit":0.15,"message":"deflection 0.2 mm above 0.15 mm","operation":null,"value":0.2}],"score":12.5}"#
    );
    let policy = Policy::default();
    assert_eq!(
        String::from_utf8(canonical_bytes(&policy)).unwrap(),
        concat!(
            r#"{"allow_red_override":false,"allow_yellow_override":true,"grants":[{"capabilities":["#,
            r#""approve","override_yellow","override_red","emit_gcode"],"kind":"human"},"#,
            r#"{"capabilities":["emit_gcode"],"kind":"service"}],"#,
            r#""min_override_reason_chars":10,"thresholds":{"channel_wall_red_mm":1,"#,
            r#""channel_wall_yellow_mm":2,"chipload_high_red_factor":1.5,"chipload_low_red_fraction":0.5,"#,
            r#""chipload_max_per_mm":0.05,"chipload_min_per_mm":0.01,"deflection_core_ratio":0.8,"#,
            r#""deflection_red_mm":0.15,"deflection_yellow_mm":0.05,"depth_per_pass_red_factor":2,"#,
            r#""flute_length_yellow_fraction":0.9,"fret_end_margin_mm":2,"kerf_red_mm":0.05,"#,
            r#""kerf_tolerance_mm":0.01,"machine_feed_yellow_fraction":0.9,"scale_length_max_mm":1000,"#,
            r#""scale_length_min_mm":400,"surface_speed_red_factor":1.25,"width_of_cut_red_factor":2}}"#
        )
    );
    assert_eq!(
        hash_canonical(&policy),
        ContentHash::of(&canonical_bytes(&policy))
    );
}

#[test]
fn enums_encode_as_serde_json_shapes_them() {
    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, u8),
        Struct { z: u8, a: u8 },
    }
    let shapes = [
        Shape::Unit,
        Shape::Newtype(1),
        Shape::Tuple(2, 3),
        Shape::Struct { z: 4, a: 5 },
    ];
    let bytes = canonical_bytes(&shapes);
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        r#"["Unit",{"Newtype":1},{"Tuple":[2,3]},{"Struct":{"a":5,"z":4}}]"#
    );
    assert_eq!(bytes, canonical_json(&serde_json::to_value(&shapes).unwrap()));
    assert_eq!(
        canonical_bytes(&(1u8, "two", [3.5f64], ())),
        br#"[1,"two",[3.5],null]"#
    );
}

#[test]
fn map_keys_become_text_or_fail() {
    let by_number: BTreeMap<i32, u8> = [(-1, 1), (20, 2), (3, 3)].into();
    assert_eq!(
        try_canonical_bytes(&by_number).unwrap(),
        br#"{"-1":1,"20":2,"3":3}"#
    );
    let by_char: BTreeMap<char, bool> = [('b', true), ('a', false)].into();
    assert_eq!(try_canonical_bytes(&by_char).unwrap(), br#"{"a":false,"b":true}"#);
    let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    assert_eq!(try_canonical_bytes(&by_list), Err(CanonicalError::KeyNotText));
    assert_eq!(canonical_bytes(&by_list), b"");
    assert_eq!(hash_canonical(&by_list), ContentHash::of(b""));
}

/// A map that gives one key twice, and one whose value cannot be serialised.
struct Twice;
impl serde::Serialize for Twice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("b", &1)?;
        map.serialize_entry("a", &2)?;
        map.serialize_entry("b", &3)?;
        map.end()
    }
}
struct Broken;
impl serde::Serialize for Broken {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("sensor offline"))
    }
}

#[test]
fn duplicate_keys_and_failing_values_are_errors() {
    assert_eq!(
        try_canonical_bytes(&Twice),
        Err(CanonicalError::DuplicateKey("b".into()))
    );
    assert_eq!(
        try_canonical_bytes(&vec![Broken]),
        Err(CanonicalError::Custom("sensor offline".into()))
    );
    assert_eq!(
        CanonicalError::DuplicateKey("b".into()).to_string(),
        "object has the key \"b\" twice"
    );
}

fn fault(text: &str) -> Option<usize> {
    check_canonical_json(text.as_bytes()).err().map(|e| e.offset)
}

#[test]
fn the_check_accepts_exactly_canonical_spellings() {
    for good in [
        "null",
        "true",
        "0",
        "-1",
        "1e+21",
        "1e-7",
        "0.000001",
        "123456789012345",
        "9007199254740992",
        "18446744073709552000",
        r#""""#,
        r#""\u001f\b\t\n\f\r\"\\/\u007f""#.replace("\\u007f", "\u{7f}").as_str(),
        "[]",
        "{}",
        r#"{"":0,"a":{"\n":[],"b":null}}"#,
        "{\"\u{20ac}\":1,\"\u{1f600}\":2,\"\u{fb33}\":3}",
    ] {
        assert_eq!(fault(good), None, "{good}");
    }
    let bad: &[(&str, usize)] = &[
        ("", 0),
        (" 1", 0),
        ("1 ", 1),
        ("[1, 2]", 3),
        ("{\"a\" :1}", 4),
        ("-0", 0),
        ("01", 0),
        ("1.0", 0),
        ("1E+21", 0),
        ("1e21", 0),
        ("0.0000001", 0),
        ("1e400", 0),
        ("9007199254740993", 0),
        ("[1,]", 3),
        ("[nul]", 1),
        (r#""\/""#, 1),
        (r#""\u0041""#, 1),
        (r#""\u000A""#, 1),
        (r#""\u000a""#, 1),
        ("\"\t\"", 1),
        ("\"\u{7f}\\u007f\"", 2),
        (r#"{"b":1,"a":2}"#, 7),
        (r#"{"a":1,"a":2}"#, 7),
        ("{\"\u{fb33}\":1,\"\u{1f600}\":2}", 9),
        (r#"{"a\n":1,"a\t":2}"#, 9),
        ("\"unterminated", 13),
        ("{}{}", 2),
    ];
    for &(text, offset) in bad {
        assert_eq!(fault(text), Some(offset), "{text:?}");
    }
    assert_eq!(
        check_canonical_json(&[b'"', 0xff, b'"']),
        Err(NotCanonical { offset: 1 })
    );
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert_eq!(fault(&deep), None);
    let too_deep = format!("{}{}", "[".repeat(130), "]".repeat(130));
    assert_eq!(fault(&too_deep), Some(129));
    assert_eq!(
        NotCanonical { offset: 3 }.to_string(),
        "not canonical json (rfc 8785) at byte 3"
    );
}

/// Whether `bytes` are the canonical form of the JSON value they parse to, found the long way.
fn canonical_the_long_way(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Value>(bytes).is_ok_and(|v| canonical_json(&v) == bytes)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The keys of a top-level object, in the order its canonical text gives them.
fn key_order(bytes: &[u8]) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((k, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_slice::<Keys>(bytes).unwrap().0
}

/// Digits and decimal exponent of a number's text, whatever its layout: `1.25e3` -> ("125", 4).
fn digits_and_exponent(text: &str) -> (String, i32) {
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap()),
        None => (text, 0),
    };
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_owned();
    (digits, int.len() as i32 - lead as i32 + exp)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Canonical text reads back to the same double, picks the same shortest digits as serde_json's
    /// independent formatter, and uses ECMAScript's layout.
    #[test]
    fn numbers_round_trip_with_shortest_digits(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let ours = number(x);
        prop_assert_eq!(ours.parse::<f64>().unwrap(), x);
        if x != 0.0 {
            let theirs = serde_json::to_string(&x).unwrap();
            prop_assert_eq!(digits_and_exponent(&ours), digits_and_exponent(&theirs));
        }
        let exponent_form = ours.contains('e');
        let magnitude = x.abs();
        prop_assert_eq!(exponent_form, magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude), "{}", ours);
        prop_assert!(!ours.contains(".e") && !ours.ends_with('.') && !ours.contains("e+0") || ours == "0");
    }

    /// Quarter values between 2^50 and 2^51 (`x.25`, `x.75`) sit exactly halfway between two 17-digit
    /// decimals that both read back; ECMAScript takes the even last digit: `.2` and `.8`.
    #[test]
    fn halfway_digits_round_to_even(n in (1u64 << 51)..(1u64 << 52)) {
        let quarters = 2 * n + 1;
        let x = quarters as f64 / 4.0;
        let whole = quarters / 4;
        let want = if quarters % 4 == 1 { format!("{whole}.2") } else { format!("{whole}.8") };
        prop_assert_eq!(number(x), want);
    }

    /// Canonicalising is idempotent: the canonical text parses to a value with the same canonical text.
    #[test]
    fn canonical_form_is_a_fixed_point(value in json_value()) {
        let once = canonical_json(&value);
        let again = canonical_json(&serde_json::from_slice::<Value>(&once).unwrap());
        prop_assert_eq!(once, again);
    }

    /// The one-pass check agrees with parsing and re-encoding, on canonical bytes and on every one-byte
    /// change, insertion or deletion of them.
    #[test]
    fn the_check_agrees_with_reencoding(
        value in json_value(),
        at in any::<prop::sample::Index>(),
        byte in prop_oneof![any::<u8>(), prop::sample::select(b"\\\"{}[],:0123456789.eE+-ntfu ".to_vec())],
        edit in 0..3u8,
    ) {
        let good = canonical_json(&value);
        prop_assert_eq!(check_canonical_json(&good), Ok(()));
        let mut changed = good.clone();
        let i = at.index(changed.len() + 1);
        match edit {
            0 if i < changed.len() => changed[i] = byte,
            1 => changed.insert(i, byte),
            _ if i < changed.len() => { changed.remove(i); }
            _ => changed.push(byte),
        }
        prop_assert_eq!(
            check_canonical_json(&changed).is_ok(),
            canonical_the_long_way(&changed),
            "{:?}",
            String::from_utf8_lossy(&changed)
        );
    }

    /// Every spelling of a decimal, canonical or not, is judged as parsing and re-encoding judges it.
    #[test]
    fn the_check_agrees_on_decimal_spellings(text in prop_oneof![
        "-?[0-9]{1,22}(\\.[0-9]{0,22})?",
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{0,12}[1-9])?",
        "-?0\\.0{0,8}[1-9][0-9]{0,14}",
    ]) {
        let long_way = canonical_the_long_way(text.as_bytes());
        prop_assert_eq!(check_canonical_json(text.as_bytes()).is_ok(), long_way, "{}", text);
    }

    /// The check agrees with re-encoding on JSON as serde_json writes it (other number forms, UTF-8 key
    /// order).
    #[test]
    fn the_check_agrees_on_serde_json_text(value in json_value()) {
        let text = serde_json::to_vec(&value).unwrap();
        prop_assert_eq!(check_canonical_json(&text).is_ok(), canonical_the_long_way(&text));
    }

    /// Object keys come out in UTF-16 code unit order, whatever order they went in.
    #[test]
    fn keys_sort_by_utf16_code_units(keys in prop::collection::btree_set(any::<String>(), 0..12)) {
        let object: serde_json::Map<String, Value> =
            keys.iter().rev().map(|k| (k.clone(), Value::Null)).collect();
        let order = key_order(&canonical_json(&Value::Object(object)));
        let mut want: Vec<String> = keys.into_iter().collect();
        want.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        prop_assert_eq!(order, want);
    }
}
