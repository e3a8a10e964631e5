//! A second opinion on RMOS's RFC 8785 encoder and checker: `serde_json_canonicalizer`, an independent
//! implementation (numbers by `ryu-js`, ECMAScript's own algorithm), must give the same bytes for every
//! JSON value, numbers at the edges of the ECMAScript number form included, and RMOS's checker must accept
//! exactly the bytes that are canonical.

use proptest::prelude::*;
use rmos_core::content::{canonical_bytes, canonical_json, check_canonical_json};
use serde_json::{Map, Number, Value};

/// The independent encoder's bytes.
fn jcs(value: &Value) -> Vec<u8> {
    serde_json_canonicalizer::to_vec(value).unwrap()
}

/// Asserts both encoders agree on `value`, and the checker accepts the result.
fn agree(value: &Value) -> Result<(), TestCaseError> {
    let ours = canonical_json(value);
    let theirs = jcs(value);
    prop_assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
        "value {:?}",
        value
    );
    prop_assert_eq!(&canonical_bytes(value), &ours);
    prop_assert_eq!(check_canonical_json(&ours), Ok(()));
    Ok(())
}

fn double(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// `x` moved by `steps` units in the last place, toward +∞ for positive `steps` (on the bit pattern).
fn ulps(x: f64, steps: i64) -> f64 {
    f64::from_bits(x.to_bits().wrapping_add_signed(steps))
}

/// Doubles where the ECMAScript form changes shape or precision runs out.
fn edge_double() -> impl Strategy<Value = f64> {
    let near = |x: f64| (-64i64..=64).prop_map(move |k| ulps(x, k));
    prop_oneof![
        // Every finite bit pattern: tiny and huge exponents alike.
        any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("finite", |x| x.is_finite()),
        // Subnormals, the smallest normals and the largest finite values.
        (1u64..0x0010_0000_0000_0000).prop_map(f64::from_bits),
        near(f64::MIN_POSITIVE),
        near(f64::MAX).prop_filter("finite", |x| x.is_finite()),
        // The switch to exponent form at 1e21 and below 1e-6.
        near(1e21),
        near(1e-6),
        near(1e-7),
        // Integers near 2^53, where doubles stop holding every integer.
        (-4096i64..=4096).prop_map(|k| (9_007_199_254_740_992i64 + k) as f64),
        // Powers of ten and short decimals across the whole exponent range.
        (1u32..=999_999, -330i32..=310).prop_map(|(m, e)| format!("{m}e{e}").parse::<f64>().unwrap_or(0.0)),
        // Large doubles whose exact digits end in 5 (m × 2^e with 5^(e+1) dividing m): candidates for a
        // tie between two shortest forms, where ECMAScript takes the even one.
        (1u32..=21, 1u64..1_000_000).prop_filter_map("below 2^53", |(e, q)| {
            let m = 5u64.checked_pow(e + 1)?.checked_mul(2 * q + 1)?;
            (m < 1 << 53).then(|| m as f64 * 2f64.powi(e as i32))
        }),
        // Small doubles whose exact digits end in 5: m × 2^-j is m × 5^j / 10^j.
        (1u32..=25, 1u64..(1 << 40)).prop_map(|(j, q)| (2 * q + 1) as f64 / 2f64.powi(j as i32)),
        Just(0.0),
        Just(-0.0),
    ]
    .prop_flat_map(|x| prop_oneof![Just(x), Just(-x)])
}

/// Integer numbers as serde_json holds them (not as doubles): exact below 2^53, rounded above.
fn edge_integer() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        (-4096i64..=4096).prop_map(|k| Number::from(9_007_199_254_740_992i64 + k)),
        (-4096i64..=4096).prop_map(|k| Number::from(-9_007_199_254_740_992i64 + k)),
        (0u64..=4096).prop_map(|k| Number::from(u64::MAX - k)),
        Just(Number::from(i64::MIN)),
    ]
}

/// Text with control characters, quotes, backslashes, DEL, non-BMP characters (whose UTF-16 order differs
/// from their UTF-8 order against U+E000..U+FFFF) and lone characters near the surrogate range.
fn edge_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('?')),
        prop::sample::select(vec![
            '"', '\\', '/', '\u{7f}', '\u{80}', '\u{2028}', '\u{2029}', '\u{feff}'
        ]),
        prop::sample::select(vec![
            '\u{d7ff}',
            '\u{e000}',
            '\u{ffff}',
            '\u{fffd}',
            '\u{10000}',
            '\u{1f600}'
        ]),
        any::<char>(),
        prop::char::range('a', 'e'),
    ];
    prop::collection::vec(ch, 0..6).prop_map(|cs| cs.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        edge_double().prop_map(double),
        edge_integer().prop_map(Value::Number),
        edge_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((edge_text(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn doubles_agree(x in edge_double()) {
        agree(&double(x))?;
    }

    #[test]
    fn integers_agree(n in edge_integer()) {
        agree(&Value::Number(n))?;
    }

    #[test]
    fn strings_agree(s in edge_text()) {
        agree(&Value::String(s))?;
    }

    #[test]
    fn values_agree(value in json_value()) {
        agree(&value)?;
    }

    /// The checker accepts serde_json's plain output exactly when it is the canonical form.
    #[test]
    fn checker_accepts_exactly_the_canonical_bytes(value in json_value()) {
        let plain = serde_json::to_vec(&value).unwrap();
        let canonical = plain == jcs(&value);
        prop_assert_eq!(check_canonical_json(&plain).is_ok(), canonical, "{}", String::from_utf8_lossy(&plain));
    }
}

/// Every power of ten a double can hold, and its neighbours: where the layout switches between plain
/// digits, leading zeros and exponent form, and where the shortest round-trip digits are hardest.
#[test]
fn every_power_of_ten_and_its_neighbours_agree() {
    for e in -324..=308 {
        let x: f64 = format!("1e{e}").parse().unwrap();
        for k in -3..=3 {
            let y = ulps(x, k);
            if y.is_finite() && y != 0.0 {
                agree(&double(y)).unwrap();
                agree(&double(-y)).unwrap();
            }
        }
    }
}

/// Both agree on the RFC's own example object (RFC 8785 section 3.2.2).
#[test]
fn rfc_8785_example_agrees() {
    let value: Value = serde_json::from_str(
        r#"{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
            "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
            "literals":[null,true,false]}"#,
    )
    .unwrap();
    let want = r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#;
    assert_eq!(String::from_utf8(canonical_json(&value)).unwrap(), want);
    assert_eq!(String::from_utf8(jcs(&value)).unwrap(), want);
}
