//! The scenario document as shops write it, read in one pass from the text into typed sections.
//!
//! Every key of the published scenario schema is accepted; the ones the rules do not use (`name`,
//! `description`, `material.name`, `material.type`, `tool.id`, `tool.name`, `tool.type`, `tool.flutes`,
//! a rosette's `geometry.inner_diameter_mm` / `outer_diameter_mm`) are read and dropped. Any other key is
//! refused with its path. Client feasibility keys ([`CLIENT_FEASIBILITY_KEYS`]) are dropped wherever they
//! are (invariant S1), and [`Scenario::client_feasibility`] says whether any was there.
//!
//! - `plain`: the one-scan reader of the plain documents shops usually write (no escapes, no client
//!   keys); it gives the same [`Scenario`] serde would, and leaves every other document to serde.
//! - this module: the sections, and the serde read with its errors named by path.

mod plain;

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::error::Category;

use crate::error::InvalidJob;
use crate::job::{CLIENT_FEASIBILITY_KEYS, MAX_JOB_JSON_BYTES};

/// One section of the scenario, with the client feasibility keys (dropped, but noted) added to its fields.
macro_rules! section {
    ($(#[$m:meta])* struct $name:ident $(<$lt:lifetime>)? { $($(#[$fm:meta])* $f:ident: $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $name $(<$lt>)? {
            $($(#[$fm])* pub(super) $f: $t,)*
            #[serde(default)]
            feasibility: Client,
            #[serde(default)]
            risk_bucket: Client,
            #[serde(default)]
            risk_level: Client,
            #[serde(default)]
            score: Client,
            #[serde(default)]
            safety: Client,
            #[serde(default)]
            approved: Client,
        }

        impl $(<$lt>)? $name $(<$lt>)? {
            /// True when the section carried a client feasibility key.
            fn client_keys(&self) -> bool {
                self.feasibility.0
                    | self.risk_bucket.0
                    | self.risk_level.0
                    | self.score.0
                    | self.safety.0
                    | self.approved.0
            }
        }
    };
}

section! {
    /// The whole document.
    struct Scenario<'a> {
        #[serde(default, rename = "name")]
        _name: Option<Text>,
        #[serde(default, rename = "description")]
        _description: Option<Text>,
        #[serde(borrow)]
        geometry: Geometry<'a>,
        #[serde(default, borrow)]
        material: Option<MaterialIn<'a>>,
        #[serde(default)]
        tool: ToolIn,
        #[serde(default)]
        params: Params,
    }
}

section! {
    /// `geometry`: what is cut.
    struct Geometry<'a> {
        #[serde(rename = "type", borrow)]
        kind: Str<'a>,
        #[serde(default)]
        width_mm: Option<f64>,
        #[serde(default)]
        length_mm: Option<f64>,
        #[serde(default)]
        depth_mm: Option<f64>,
        #[serde(default)]
        wall_thickness_mm: Option<f64>,
        #[serde(default)]
        floor_thickness_mm: Option<f64>,
        #[serde(default, borrow)]
        island: Option<Island<'a>>,
        #[serde(default)]
        pockets: Option<Vec<Scanned>>,
        #[serde(default, rename = "inner_diameter_mm")]
        _inner_diameter_mm: Option<f64>,
        #[serde(default, rename = "outer_diameter_mm")]
        _outer_diameter_mm: Option<f64>,
    }
}

section! {
    /// `geometry.island`: an island left standing in a pocket.
    struct Island<'a> {
        #[serde(default, rename = "type", borrow)]
        kind: Option<Str<'a>>,
        #[serde(default)]
        width_mm: Option<f64>,
        #[serde(default)]
        length_mm: Option<f64>,
    }
}

section! {
    /// `material`: what the stock is.
    struct MaterialIn<'a> {
        #[serde(default, borrow)]
        id: Option<Str<'a>>,
        #[serde(default, rename = "name")]
        _name: Option<Text>,
        #[serde(default, rename = "type")]
        _kind: Option<Text>,
        #[serde(default, borrow)]
        hardness: Option<Str<'a>>,
        #[serde(default)]
        thickness_mm: Option<f64>,
        #[serde(default)]
        resinous: Option<bool>,
    }
}

section! {
    /// `tool`: the cutter.
    struct ToolIn {
        #[serde(default, rename = "id")]
        _id: Option<Text>,
        #[serde(default, rename = "name")]
        _name: Option<Text>,
        #[serde(default, rename = "type")]
        _kind: Option<Text>,
        #[serde(default, rename = "flutes")]
        _flutes: Option<u32>,
        #[serde(default)]
        diameter_mm: Option<f64>,
        #[serde(default)]
        flute_length_mm: Option<f64>,
        #[serde(default)]
        stick_out_mm: Option<f64>,
    }
}

section! {
    /// `params`: the cutting parameters.
    struct Params {
        #[serde(default)]
        doc_mm: Option<f64>,
        #[serde(default)]
        woc_percent: Option<f64>,
        #[serde(default)]
        feed_rate_mm_min: Option<f64>,
        #[serde(default)]
        coolant: Option<bool>,
        #[serde(default)]
        feed_override_percent: Option<f64>,
    }
}

impl<'a> Scenario<'a> {
    /// Reads a scenario document: one pass from the text, errors naming the failing field's path.
    pub(super) fn from_json(text: &'a str) -> Result<Self, InvalidJob> {
        if text.len() > MAX_JOB_JSON_BYTES {
            return Err(InvalidJob::new(
                "$",
                format!(
                    "document is {} bytes; the limit is {MAX_JOB_JSON_BYTES}",
                    text.len()
                ),
            ));
        }
        if !text.trim_start().starts_with('{') {
            // Say why it is refused: malformed JSON, or well-formed JSON that is not an object.
            return Err(match serde_json::from_str::<IgnoredAny>(text) {
                Err(e) => InvalidJob::new("$", format!("invalid JSON: {e}")),
                Ok(_) => InvalidJob::new("$", "must be a JSON object"),
            });
        }
        // A plain document is read in one scan; any other by serde, and only a failed serde read is read
        // again, tracking the path for the message.
        if let Some(scenario) = plain::read(text) {
            return Ok(scenario);
        }
        serde_json::from_str(text).map_err(|e| {
            if matches!(e.classify(), Category::Syntax | Category::Eof) {
                return InvalidJob::new("$", format!("invalid JSON: {e}"));
            }
            let mut de = serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize::<_, Self>(&mut de) {
                Err(e) => invalid(e),
                // Unreachable for the same text; kept total rather than panicking.
                Ok(_) => InvalidJob::new("$", e.to_string()),
            }
        })
    }

    /// True when any section carried a client feasibility key (all dropped).
    pub(super) fn client_feasibility(&self) -> bool {
        let g = &self.geometry;
        self.client_keys()
            || g.client_keys()
            || g.island.as_ref().is_some_and(Island::client_keys)
            || g.pockets.as_ref().is_some_and(|p| p.iter().any(|s| s.0))
            || self.material.as_ref().is_some_and(MaterialIn::client_keys)
            || self.tool.client_keys()
            || self.params.client_keys()
    }
}

/// The error of a failed read: malformed JSON at `$`, a missing field named itself, anything else at the
/// path it failed at.
fn invalid(e: serde_path_to_error::Error<serde_json::Error>) -> InvalidJob {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if matches!(inner.classify(), Category::Syntax | Category::Eof) {
        return InvalidJob::new("$", format!("invalid JSON: {inner}"));
    }
    let path = if path == "." { "$".to_owned() } else { path };
    let message = inner.to_string();
    // serde_json appends the position to data errors; the path already says where.
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        let full = if path == "$" {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        return InvalidJob::new(full, "is required");
    }
    InvalidJob::new(path, message)
}

/// A string the rules read, borrowed from the text when it has no escapes.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Str<'a>(pub(super) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor<'a>(PhantomData<&'a str>);
        impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
            type Value = Str<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(StrVisitor(PhantomData))
    }
}

/// A descriptive string no rule reads: its type is checked, its text not kept.
#[derive(Debug)]
pub(super) struct Text;

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Text, E> {
                Ok(Text)
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A client feasibility key's value: read, dropped, and noted as present.
#[derive(Debug, Default)]
struct Client(bool);

impl<'de> Deserialize<'de> for Client {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(Self(true))
    }
}

/// Any JSON value the rules only count (a multi-pocket's pockets), scanned for client feasibility keys.
#[derive(Debug, Default)]
pub(super) struct Scanned(bool);

impl<'de> Deserialize<'de> for Scanned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scanned;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_none<E: de::Error>(self) -> Result<Scanned, E> {
        Ok(Scanned(false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scanned, A::Error> {
        let mut found = false;
        while let Some(Scanned(f)) = seq.next_element()? {
            found |= f;
        }
        Ok(Scanned(found))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scanned, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            let Scanned(inner) = map.next_value()?;
            found |= inner || CLIENT_FEASIBILITY_KEYS.contains(&key.as_str());
        }
        Ok(Scanned(found))
    }
}
