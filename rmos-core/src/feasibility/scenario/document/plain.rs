//! The plain-document reader: one scan of the bytes straight into a [`Scenario`], for the documents shops
//! usually write.
//!
//! It reads a document only when every key is one the schema names (descriptive or read by the rules),
//! each at most once, every string is free of escapes, and every number is a plain decimal whose value
//! one IEEE operation gives exactly rounded (at most 2^53 in its digits, a decimal exponent within ±22).
//! For anything else — client feasibility keys, `geometry.pockets`, a misspelt key, a wrong type,
//! malformed JSON — it gives `None` and the general reader decides, so the result (or the error) is the
//! general reader's in every case.

use std::borrow::Cow;

use super::{Geometry, Island, MaterialIn, Params, Scenario, Str, Text, ToolIn};

/// Reads `text` when it is a plain document; `None` sends it to the general reader.
pub(super) fn read(text: &str) -> Option<Scenario<'_>> {
    let mut c = Cursor { text, at: 0 };
    let scenario = c.scenario()?;
    c.ws();
    (c.at == text.len()).then_some(scenario)
}

/// Exact powers of ten, as [`f64`].
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// Largest digit value read: past 2^53 a float no longer holds every integer.
const MAX_DIGITS_VALUE: u64 = 1 << 53;

/// A plain JSON number.
#[derive(Clone, Copy)]
struct Number {
    /// Its value, exactly rounded.
    value: f64,
    /// The value when the text is digits alone (no sign, fraction or exponent).
    whole: Option<u64>,
}

/// A position in the text.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.bump()? == want).then_some(())
    }

    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// A string with no escapes and no control characters, borrowed from the text.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.bump()? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => {}
            }
        }
        // Both ends sit next to an ASCII quote, so both are character boundaries.
        self.text.get(start..self.at - 1)
    }

    /// `word` (`true`, `false`, `null`) at the cursor.
    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.at + word.len();
        (self.text.as_bytes().get(self.at..end)? == word.as_bytes()).then(|| self.at = end)
    }

    /// True for `null` (consumed), false for anything else (left in place).
    fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.word("null").is_some()
    }

    /// Digits at the cursor added to `acc`; how many there were.
    fn digits(&mut self, acc: &mut u64) -> Option<i32> {
        let mut n = 0;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            *acc = *acc * 10 + u64::from(d - b'0');
            if *acc > MAX_DIGITS_VALUE {
                return None;
            }
            self.at += 1;
            n += 1;
        }
        Some(n)
    }

    /// A plain number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, within the limits above.
    fn number(&mut self) -> Option<Number> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut sig = 0;
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if self.digits(&mut sig)? == 0 {
            return None;
        }
        let mut exp = 0;
        let mut whole = !negative;
        if self.peek() == Some(b'.') {
            self.at += 1;
            let n = self.digits(&mut sig)?;
            if n == 0 {
                return None;
            }
            exp -= n;
            whole = false;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let minus = self.peek() == Some(b'-');
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.at += 1;
            }
            let mut e = 0;
            if self.digits(&mut e)? == 0 || e > 1000 {
                return None;
            }
            let e = i32::try_from(e).ok()?;
            exp += if minus { -e } else { e };
            whole = false;
        }
        if negative && sig == 0 {
            // Negative zero: left to the general reader.
            return None;
        }
        let pow = *POW10.get(usize::try_from(exp.unsigned_abs()).ok()?)?;
        // Both operands are exact, so the one operation rounds exactly, as the general reader does.
        let magnitude = if exp >= 0 {
            sig as f64 * pow
        } else {
            sig as f64 / pow
        };
        Some(Number {
            value: if negative { -magnitude } else { magnitude },
            whole: whole.then_some(sig),
        })
    }

    /// `null` or a number.
    fn opt_f64(&mut self) -> Option<Option<f64>> {
        if self.null() {
            return Some(None);
        }
        Some(Some(self.number()?.value))
    }

    /// `null` or a whole number that fits a `u32`.
    fn opt_u32(&mut self) -> Option<Option<u32>> {
        if self.null() {
            return Some(None);
        }
        Some(Some(u32::try_from(self.number()?.whole?).ok()?))
    }

    /// `null`, `true` or `false`.
    fn opt_bool(&mut self) -> Option<Option<bool>> {
        match self.peek()? {
            b't' => self.word("true").map(|()| Some(true)),
            b'f' => self.word("false").map(|()| Some(false)),
            _ => self.word("null").map(|()| None),
        }
    }

    /// `null` or a string.
    fn opt_str(&mut self) -> Option<Option<Str<'a>>> {
        if self.null() {
            return Some(None);
        }
        Some(Some(Str(Cow::Borrowed(self.string()?))))
    }

    /// `null` or a descriptive string.
    fn opt_text(&mut self) -> Option<Option<Text>> {
        Some(self.opt_str()?.map(|_| Text))
    }

    /// An object whose keys `field` reads, each of them at most once (`field` reads the key's value and
    /// gives the key's bit in the set of keys seen); `None` for any other key.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<u32>) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        let mut seen = 0u32;
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let bit = field(self, key)?;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            self.ws();
            match self.bump()? {
                b',' => {}
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    fn scenario(&mut self) -> Option<Scenario<'a>> {
        let mut s = Scenario::default();
        let mut has_geometry = false;
        self.ws();
        self.object(|c, key| {
            Some(match key {
                "name" => {
                    s._name = c.opt_text()?;
                    1
                }
                "description" => {
                    s._description = c.opt_text()?;
                    1 << 1
                }
                "geometry" => {
                    s.geometry = c.geometry()?;
                    has_geometry = true;
                    1 << 2
                }
                "material" => {
                    s.material = if c.null() { None } else { Some(c.material()?) };
                    1 << 3
                }
                "tool" => {
                    s.tool = c.tool()?;
                    1 << 4
                }
                "params" => {
                    s.params = c.params()?;
                    1 << 5
                }
                _ => return None,
            })
        })?;
        has_geometry.then_some(s)
    }

    fn geometry(&mut self) -> Option<Geometry<'a>> {
        let mut g = Geometry::default();
        let mut has_kind = false;
        self.object(|c, key| {
            let (bit, slot) = match key {
                "type" => {
                    g.kind = Str(Cow::Borrowed(c.string()?));
                    has_kind = true;
                    return Some(1);
                }
                "island" => {
                    g.island = if c.null() { None } else { Some(c.island()?) };
                    return Some(1 << 1);
                }
                "width_mm" => (2, &mut g.width_mm),
                "length_mm" => (3, &mut g.length_mm),
                "depth_mm" => (4, &mut g.depth_mm),
                "wall_thickness_mm" => (5, &mut g.wall_thickness_mm),
                "floor_thickness_mm" => (6, &mut g.floor_thickness_mm),
                "inner_diameter_mm" => (7, &mut g._inner_diameter_mm),
                "outer_diameter_mm" => (8, &mut g._outer_diameter_mm),
                _ => return None,
            };
            *slot = c.opt_f64()?;
            Some(1 << bit)
        })?;
        has_kind.then_some(g)
    }

    fn island(&mut self) -> Option<Island<'a>> {
        let mut i = Island::default();
        self.object(|c, key| {
            let (bit, slot) = match key {
                "type" => {
                    i.kind = c.opt_str()?;
                    return Some(1);
                }
                "width_mm" => (1, &mut i.width_mm),
                "length_mm" => (2, &mut i.length_mm),
                _ => return None,
            };
            *slot = c.opt_f64()?;
            Some(1 << bit)
        })?;
        Some(i)
    }

    fn material(&mut self) -> Option<MaterialIn<'a>> {
        let mut m = MaterialIn::default();
        self.object(|c, key| {
            Some(match key {
                "id" => {
                    m.id = c.opt_str()?;
                    1
                }
                "name" => {
                    m._name = c.opt_text()?;
                    1 << 1
                }
                "type" => {
                    m._kind = c.opt_text()?;
                    1 << 2
                }
                "hardness" => {
                    m.hardness = c.opt_str()?;
                    1 << 3
                }
                "thickness_mm" => {
                    m.thickness_mm = c.opt_f64()?;
                    1 << 4
                }
                "resinous" => {
                    m.resinous = c.opt_bool()?;
                    1 << 5
                }
                _ => return None,
            })
        })?;
        Some(m)
    }

    fn tool(&mut self) -> Option<ToolIn> {
        let mut t = ToolIn::default();
        self.object(|c, key| {
            let (bit, slot) = match key {
                "id" => (0, &mut t._id),
                "name" => (1, &mut t._name),
                "type" => (2, &mut t._kind),
                "flutes" => {
                    t._flutes = c.opt_u32()?;
                    return Some(1 << 3);
                }
                "diameter_mm" => {
                    t.diameter_mm = c.opt_f64()?;
                    return Some(1 << 4);
                }
                "flute_length_mm" => {
                    t.flute_length_mm = c.opt_f64()?;
                    return Some(1 << 5);
                }
                "stick_out_mm" => {
                    t.stick_out_mm = c.opt_f64()?;
                    return Some(1 << 6);
                }
                _ => return None,
            };
            *slot = c.opt_text()?;
            Some(1 << bit)
        })?;
        Some(t)
    }

    fn params(&mut self) -> Option<Params> {
        let mut p = Params::default();
        self.object(|c, key| {
            let (bit, slot) = match key {
                "coolant" => {
                    p.coolant = c.opt_bool()?;
                    return Some(1);
                }
                "doc_mm" => (1, &mut p.doc_mm),
                "woc_percent" => (2, &mut p.woc_percent),
                "feed_rate_mm_min" => (3, &mut p.feed_rate_mm_min),
                "feed_override_percent" => (4, &mut p.feed_override_percent),
                _ => return None,
            };
            *slot = c.opt_f64()?;
            Some(1 << bit)
        })?;
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scenario;
    use super::read;
    use proptest::prelude::*;

    /// The general reader's result for the same text, as text (every field, by `Debug`).
    fn general(text: &str) -> Result<String, String> {
        serde_json::from_str::<Scenario<'_>>(text)
            .map(|s| format!("{s:?}"))
            .map_err(|e| e.to_string())
    }

    const SHOP: &str = r#"{
      "name": "deep pocket", "description": "beside a wall",
      "geometry": {"type": "pocket", "width_mm": 40, "length_mm": 60, "depth_mm": 12.5,
                   "wall_thickness_mm": 2.5, "floor_thickness_mm": 3, "island": {"type": "L-shape",
                   "width_mm": 1.25e1, "length_mm": 0.5}},
      "material": {"id": "maple_hard", "name": "Hard maple", "type": "hardwood", "hardness": "hard",
                   "thickness_mm": 25, "resinous": false},
      "tool": {"id": "em_6", "name": "6 mm", "type": "flat_end_mill", "flutes": 2, "diameter_mm": 6,
               "flute_length_mm": 22, "stick_out_mm": 30},
      "params": {"doc_mm": 2, "woc_percent": 45, "feed_rate_mm_min": 1800, "coolant": null,
                 "feed_override_percent": -100.25}
    }"#;

    #[test]
    fn a_shop_file_is_read_plainly_with_the_general_readers_result() {
        let s = read(SHOP).map(|s| format!("{s:?}"));
        assert_eq!(s, general(SHOP).ok());
        let s = read(SHOP).into_iter().next();
        assert_eq!(s.as_ref().map(|s| s.geometry.kind.0.as_ref()), Some("pocket"));
        assert_eq!(
            s.as_ref().and_then(|s| s.params.feed_override_percent),
            Some(-100.25)
        );
        assert_eq!(s.as_ref().and_then(|s| s.tool._flutes), Some(2));
    }

    #[test]
    fn anything_past_the_plain_form_goes_to_the_general_reader() {
        for text in [
            r#"{"geometry": {"type": "poc\u006bet"}}"#,
            r#"{"geometry": {"type": "pocket", "feasibility": "GREEN"}}"#,
            r#"{"geometry": {"type": "multi_pocket", "pockets": [{}]}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": 1, "depth_mm": 2}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": -0}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": 1e400}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": 01}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": 1.}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": 12345678901234567890}}"#,
            r#"{"geometry": {"type": "pocket", "depth_mm": "2"}}"#,
            r#"{"geometry": {"type": "pocket"}, "tool": {"flutes": 2.0}}"#,
            r#"{"geometry": {"type": "pocket"}, "tool": null}"#,
            r#"{"geometry": {"type": "pocket"}} x"#,
            r#"{"geometry": {"type": "pocket"},}"#,
            r#"{"geometry": {"width_mm": 3}}"#,
            r#"{"params": {}}"#,
            r#"{"geometry": {"type": "pocket", "dok_mm": 2}}"#,
        ] {
            assert!(read(text).is_none(), "{text}");
        }
    }

    #[test]
    fn plain_numbers_are_read_plainly_to_the_general_readers_bits() {
        for n in [
            "0",
            "40",
            "12.5",
            "-2",
            "0.1",
            "1.25e1",
            "3E-2",
            "2e+2",
            "9007199254740992",
            "0.000001",
            "123456789.123456",
            "-0.5",
            "7e22",
            "1e-22",
        ] {
            let text = format!("{{\"geometry\": {{\"type\": \"pocket\", \"depth_mm\": {n}}}}}");
            let plain = read(&text).and_then(|s| s.geometry.depth_mm).map(f64::to_bits);
            let general = serde_json::from_str::<Scenario<'_>>(&text)
                .ok()
                .and_then(|s| s.geometry.depth_mm)
                .map(f64::to_bits);
            assert!(plain.is_some() && plain == general, "{n}");
        }
    }

    /// A JSON value for a field: mostly of the field's type in many spellings, sometimes not.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => "-?(0|[1-9][0-9]{0,4})(\\.[0-9]{1,4})?",
            2 => "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?([eE][+-]?[0-9]{1,2})?",
            1 => Just("null".to_owned()),
            1 => Just("true".to_owned()),
            1 => Just("false".to_owned()),
            2 => "\"[a-z_ -]{0,8}\"",
            1 => Just("\"hard\\u0021\"".to_owned()),
            1 => Just("{}".to_owned()),
            1 => Just("[1, 2]".to_owned()),
            1 => Just("{\"type\": \"L-shape\", \"width_mm\": 3}".to_owned()),
            1 => Just("{\"id\": \"maple_hard\", \"hardness\": \"hard\"}".to_owned()),
        ]
    }

    const KEYS: [&str; 25] = [
        "name",
        "description",
        "type",
        "id",
        "hardness",
        "width_mm",
        "length_mm",
        "depth_mm",
        "wall_thickness_mm",
        "floor_thickness_mm",
        "island",
        "inner_diameter_mm",
        "thickness_mm",
        "resinous",
        "flutes",
        "diameter_mm",
        "flute_length_mm",
        "stick_out_mm",
        "doc_mm",
        "woc_percent",
        "feed_rate_mm_min",
        "coolant",
        "feed_override_percent",
        "score",
        "doc",
    ];

    const GEOMETRY: &[&str] = &[
        "width_mm",
        "length_mm",
        "depth_mm",
        "wall_thickness_mm",
        "floor_thickness_mm",
        "island",
        "inner_diameter_mm",
    ];
    const MATERIAL: &[&str] = &["id", "name", "type", "hardness", "thickness_mm", "resinous"];
    const TOOL: &[&str] = &[
        "id",
        "name",
        "type",
        "flutes",
        "diameter_mm",
        "flute_length_mm",
        "stick_out_mm",
    ];
    const PARAMS: &[&str] = &[
        "doc_mm",
        "woc_percent",
        "feed_rate_mm_min",
        "coolant",
        "feed_override_percent",
    ];

    /// A value of the type `key` takes, in one of its spellings.
    fn typed(key: &str) -> BoxedStrategy<String> {
        match key {
            "flutes" => "[0-9]{1,3}".boxed(),
            "resinous" | "coolant" => prop_oneof![Just("true".to_owned()), Just("false".to_owned())].boxed(),
            "island" => Just("{\"type\": \"T-shape\", \"length_mm\": 2.5}".to_owned()).boxed(),
            "name" | "description" | "type" | "id" | "hardness" => "\"[a-z_ -]{0,8}\"".boxed(),
            _ => "-?(0|[1-9][0-9]{0,4})(\\.[0-9]{1,4})?([eE]-?[0-9])?".boxed(),
        }
    }

    /// One section: keys mostly of the section, sometimes of another; values mostly of the key's type.
    fn section(own: &'static [&'static str]) -> impl Strategy<Value = String> {
        let key = prop_oneof![
            20 => proptest::sample::select(own),
            1 => proptest::sample::select(&KEYS[..]),
        ];
        let field = key.prop_flat_map(|k| {
            let v = prop_oneof![12 => typed(k), 1 => value()];
            (Just(k), v, "[ \n\t]{0,2}")
        });
        proptest::collection::vec(field, 0..5).prop_map(|fields| {
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v, ws)| format!("{ws}\"{k}\":{ws}{v}"))
                .collect();
            format!("{{{}}}", body.join(","))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn a_plain_read_is_the_general_read(
            kind in prop_oneof![Just("pocket"), Just("slot"), Just("profile")],
            geometry in section(GEOMETRY),
            material in prop_oneof![Just("null".to_owned()), section(MATERIAL)],
            tool in section(TOOL),
            params in section(PARAMS),
            name in prop_oneof![Just(""), Just("\"name\": \"n\", ")],
        ) {
            let geometry = match geometry.strip_prefix("{}") {
                Some(_) => format!("{{\"type\": \"{kind}\"}}"),
                None => format!("{{\"type\": \"{kind}\", {}", geometry.trim_start_matches('{')),
            };
            let text = format!(
                "{{{name}\"geometry\": {geometry}, \"material\": {material}, \"tool\": {tool}, \"params\": {params}}}"
            );
            if let Some(s) = read(&text) {
                prop_assert_eq!(Ok(format!("{s:?}")), general(&text));
            }
        }

        #[test]
        fn plain_numbers_are_read_as_the_general_reader_reads_them(
            n in "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?([eE][+-]?[0-9]{1,3})?",
        ) {
            let text = format!("{{\"geometry\": {{\"type\": \"pocket\", \"depth_mm\": {n}}}}}");
            if let Some(s) = read(&text) {
                prop_assert_eq!(Ok(format!("{s:?}")), general(&text));
            }
        }
    }
}
