//! The operations of a job: one struct per kind, held in the [`Operation`] enum.
//!
//! On the wire an operation is one JSON object whose `op` key names the kind (`"op": "circle_cut"`) and
//! whose other keys are that kind's fields. The reader takes the tag first, then reads the rest of the
//! object as the kind's struct, so an error inside an operation names the field
//! (`operations[0].rings: invalid type: ...`). Each kind's checks and figures sit with its struct
//! ([`OperationKind`]).
//!
//! A kind's meaning to the layers above sits in one file per layer: its geometry, estimates and own
//! checks in `feasibility/kinds/` (a file named after the kind), its planner in `toolpaths/`
//! (`rosette.rs`, `circle.rs`, `frets.rs`, `drill.rs`, `pocket.rs`, `contour_profile.rs`). Adding a kind is a
//! struct file here; its arm in [`Operation`], in `Tag`, in the reader's two matches on the tag and in
//! `each_kind!`; and one impl in each of those layers (the compiler asks for each).

mod circle_cut;
mod contour_profile;
mod drill_pattern;
mod fret_slots;
mod rect_pocket;
mod rosette_channel;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use circle_cut::CircleCut;
pub use contour_profile::ContourProfile;
pub use drill_pattern::DrillPattern;
pub use fret_slots::FretSlots;
pub use rect_pocket::RectPocket;
pub use rosette_channel::RosetteChannel;

use crate::content::{self, InvalidDocument};
use crate::error::InvalidJob;

/// What every operation kind has: its document name, its final depth and its checks.
pub trait OperationKind {
    /// The document name of the kind, the value of the `op` key (`rosette_channel`, ...).
    const KIND: &'static str;

    /// Final depth below the stock top, mm.
    fn depth_mm(&self) -> f64;

    /// Checks every field of the operation at `operations[index]`; the first failure names its path.
    fn validate(&self, index: usize) -> Result<(), InvalidJob>;
}

/// One machining operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// An annular channel for rosette rings, cut from the inside out.
    RosetteChannel(RosetteChannel),
    /// A circle cut through or into the stock (a soundhole).
    CircleCut(CircleCut),
    /// Fret slots across a fretboard at equal-temperament positions.
    FretSlots(FretSlots),
    /// Holes drilled (pecked) at points.
    DrillPattern(DrillPattern),
    /// A rectangular pocket with rounded corners.
    RectPocket(RectPocket),
    /// A profile along a closed polyline.
    ContourProfile(ContourProfile),
}

/// Calls `$body` with `$o` bound to the kind's struct, whatever the kind: the one dispatch over the
/// kinds. The layers above `job` reach a kind's own code through it (`feasibility`'s
/// `OperationGeometry`, `toolpaths`' `Plan`), so a new kind is an arm here and one impl per layer, and
/// the compiler names every layer whose impl is missing.
macro_rules! each_kind {
    ($op:expr, $o:ident => $body:expr) => {
        match $op {
            $crate::job::Operation::RosetteChannel($o) => $body,
            $crate::job::Operation::CircleCut($o) => $body,
            $crate::job::Operation::FretSlots($o) => $body,
            $crate::job::Operation::DrillPattern($o) => $body,
            $crate::job::Operation::RectPocket($o) => $body,
            $crate::job::Operation::ContourProfile($o) => $body,
        }
    };
}
pub(crate) use each_kind;

/// The value of an operation's `op` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Tag {
    RosetteChannel,
    CircleCut,
    FretSlots,
    DrillPattern,
    RectPocket,
    ContourProfile,
}

impl Operation {
    /// The document name of the operation kind (`rosette_channel`, ...).
    pub fn kind(&self) -> &'static str {
        fn name<K: OperationKind>(_: &K) -> &'static str {
            K::KIND
        }
        each_kind!(self, o => name(o))
    }

    /// Final depth below the stock top, mm.
    pub fn depth_mm(&self) -> f64 {
        each_kind!(self, o => o.depth_mm())
    }

    /// Checks every field of the operation at `operations[index]`; the first failure names its path.
    pub fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        each_kind!(self, o => o.validate(index))
    }

    /// Reads the body of an operation (its object without the `op` key) as the kind `tag` names.
    pub(crate) fn from_body(tag: Tag, body: Map<String, Value>) -> Result<Self, InvalidDocument> {
        let body = Value::Object(body);
        Ok(match tag {
            Tag::RosetteChannel => Self::RosetteChannel(content::from_value(body)?),
            Tag::CircleCut => Self::CircleCut(content::from_value(body)?),
            Tag::FretSlots => Self::FretSlots(content::from_value(body)?),
            Tag::DrillPattern => Self::DrillPattern(content::from_value(body)?),
            Tag::RectPocket => Self::RectPocket(content::from_value(body)?),
            Tag::ContourProfile => Self::ContourProfile(content::from_value(body)?),
        })
    }
}

/// Tag first: when `op` is the object's first key (as RMOS writes it), the rest of the object is read
/// straight into the kind's struct, keeping field paths; otherwise the object is gathered, the tag taken
/// out, and the body read by [`Operation::from_body`].
impl<'de> Deserialize<'de> for Operation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OperationVisitor)
    }
}

struct OperationVisitor;

impl<'de> Visitor<'de> for OperationVisitor {
    type Value = Operation;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an operation object with an `op` key")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Operation, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::missing_field("op"));
        };
        if first == "op" {
            let tag: Tag = map.next_value()?;
            let rest = MapAccessDeserializer::new(map);
            return Ok(match tag {
                Tag::RosetteChannel => Operation::RosetteChannel(Deserialize::deserialize(rest)?),
                Tag::CircleCut => Operation::CircleCut(Deserialize::deserialize(rest)?),
                Tag::FretSlots => Operation::FretSlots(Deserialize::deserialize(rest)?),
                Tag::DrillPattern => Operation::DrillPattern(Deserialize::deserialize(rest)?),
                Tag::RectPocket => Operation::RectPocket(Deserialize::deserialize(rest)?),
                Tag::ContourProfile => Operation::ContourProfile(Deserialize::deserialize(rest)?),
            });
        }
        let mut body = Map::new();
        body.insert(first, map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            body.insert(key, value);
        }
        let tag = body.remove("op").ok_or_else(|| de::Error::missing_field("op"))?;
        let tag: Tag = content::from_value(tag).map_err(|e| de::Error::custom(e.reason))?;
        Operation::from_body(tag, body).map_err(de::Error::custom)
    }
}
