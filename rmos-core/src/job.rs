//! The job document: machine, stock, tool, cutting parameters and operations.
//!
//! Coordinates are machine coordinates in mm with Z = 0 at the stock top; depths are positive numbers
//! below it. [`Job::from_json`] reads the document of `DESIGN.md`, drops any feasibility a client tried
//! to send (invariant S1) and validates every field, naming the failing one.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{self, Material, ToolKind, ToolMaterial};
use crate::content;
use crate::error::InvalidJob;

/// Largest job document accepted, in bytes (8 MiB).
pub const MAX_JOB_JSON_BYTES: usize = 8 * 1024 * 1024;
/// Most operations in one job.
pub const MAX_OPERATIONS: usize = 10_000;
/// Most points in one drill pattern or contour.
pub const MAX_POINTS: usize = 100_000;
/// Most frets in one fret-slot operation.
pub const MAX_FRETS: u32 = 36;
/// Most rings in one rosette channel.
pub const MAX_RINGS: u32 = 64;
/// Most holding tabs on one cut.
pub const MAX_TABS: u32 = 64;

/// Keys a client may not use to carry feasibility or approval (invariant S1). They are dropped wherever they
/// appear in a JSON document, and the report says so.
pub const CLIENT_FEASIBILITY_KEYS: [&str; 6] = [
    "feasibility",
    "risk_bucket",
    "risk_level",
    "score",
    "safety",
    "approved",
];

/// A machining job as a CAM host describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// Optional name, shown in reports and program headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The machine that will run the job.
    pub machine: Machine,
    /// The stock being cut.
    pub stock: Stock,
    /// The one cutter the job uses.
    pub tool: Tool,
    /// Spindle, feeds and depths.
    pub cutting: Cutting,
    /// What to cut, in order.
    pub operations: Vec<Operation>,
    /// Set when the document carried client feasibility keys that were dropped.
    #[serde(skip)]
    client_feasibility_ignored: bool,
}

/// The machine's envelope and limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Machine {
    /// Machine name.
    #[serde(default)]
    pub name: String,
    /// Travel in X, Y and Z, mm (origin at the front-left corner, Z = 0 at the stock top).
    pub travel_mm: [f64; 3],
    /// Spindle speed range, rpm (min, max).
    pub spindle_rpm: [f64; 2],
    /// Highest cutting feed, mm/min.
    pub max_feed_mm_min: f64,
    /// Highest plunge feed, mm/min.
    pub max_plunge_mm_min: f64,
    /// Rapid traverse rate, mm/min.
    pub rapid_mm_min: f64,
}

/// The stock: material and size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stock {
    /// Material id from [`catalog::materials`].
    pub material: String,
    /// Size in X and Y, mm, from the machine origin.
    pub size_mm: [f64; 2],
    /// Thickness, mm.
    pub thickness_mm: f64,
}

/// The cutter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Shape of the cutter.
    pub kind: ToolKind,
    /// Cutting diameter, mm.
    pub diameter_mm: f64,
    /// Number of flutes.
    pub flutes: u32,
    /// Length of the fluted part, mm.
    pub flute_length_mm: f64,
    /// Length from the collet to the tip, mm.
    pub stickout_mm: f64,
    /// What the cutter is made of.
    pub tool_material: ToolMaterial,
}

/// Which way the cutter engages the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutDirection {
    /// Climb milling (the default: cleaner walls in wood on a rigid router).
    #[default]
    Climb,
    /// Conventional milling.
    Conventional,
}

/// Spindle, feeds and depths for the whole job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cutting {
    /// Spindle speed, rpm.
    pub rpm: f64,
    /// Cutting feed, mm/min.
    pub feed_mm_min: f64,
    /// Plunge feed, mm/min.
    pub plunge_mm_min: f64,
    /// Depth per pass, mm.
    pub stepdown_mm: f64,
    /// Width of cut as a fraction of the tool diameter.
    pub stepover: f64,
    /// Height for rapid moves between features, mm above the stock top.
    pub safe_z_mm: f64,
    /// Climb or conventional.
    #[serde(default)]
    pub direction: CutDirection,
    /// Coolant or air blast on.
    #[serde(default)]
    pub coolant: bool,
    /// Feed override the operator will run at, percent (100 = as programmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_override_percent: Option<f64>,
}

/// Where a circle cut leaves the tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CircleSide {
    /// Cut out a hole: the tool runs inside the circle (soundhole).
    Inside,
    /// Cut out a disc: the tool runs outside the circle.
    Outside,
}

/// Where a profile leaves the tool relative to its polyline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileSide {
    /// Inside the closed polyline.
    Inside,
    /// Outside the closed polyline.
    Outside,
    /// Centred on the polyline.
    On,
}

/// One machining operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operation {
    /// An annular channel for rosette rings, cut from the inside out.
    RosetteChannel {
        /// Centre, mm.
        center_mm: [f64; 2],
        /// Inner wall diameter, mm.
        inner_diameter_mm: f64,
        /// Outer wall diameter, mm.
        outer_diameter_mm: f64,
        /// Depth below the stock top, mm.
        depth_mm: f64,
        /// Number of rings (concentric channels of equal width between the walls).
        rings: u32,
    },
    /// A circle cut through or into the stock (a soundhole).
    CircleCut {
        /// Centre, mm.
        center_mm: [f64; 2],
        /// Finished diameter, mm.
        diameter_mm: f64,
        /// Depth below the stock top, mm.
        depth_mm: f64,
        /// Which side is waste.
        side: CircleSide,
        /// Holding tabs left on the last pass.
        #[serde(default)]
        tabs: u32,
    },
    /// Fret slots across a fretboard at equal-temperament positions.
    FretSlots {
        /// Scale length, mm.
        scale_length_mm: f64,
        /// Number of frets.
        frets: u32,
        /// Nut position: X of the nut line, Y of the board centre line, mm.
        nut_at_mm: [f64; 2],
        /// Board width across the slots, mm.
        board_width_mm: f64,
        /// Slot depth, mm.
        slot_depth_mm: f64,
        /// Slot width asked for, mm (the tool diameter must equal it).
        kerf_mm: f64,
    },
    /// Holes drilled (pecked) at points.
    DrillPattern {
        /// Hole centres, mm.
        points_mm: Vec<[f64; 2]>,
        /// Hole diameter, mm.
        diameter_mm: f64,
        /// Hole depth, mm.
        depth_mm: f64,
        /// Peck depth, mm.
        peck_mm: f64,
    },
    /// A rectangular pocket with rounded corners.
    RectPocket {
        /// Lower-left corner, mm.
        corner_mm: [f64; 2],
        /// Size in X and Y, mm.
        size_mm: [f64; 2],
        /// Corner radius, mm.
        corner_radius_mm: f64,
        /// Depth, mm.
        depth_mm: f64,
    },
    /// A profile along a closed polyline.
    ContourProfile {
        /// Polyline vertices, mm (closed: the last joins the first).
        points_mm: Vec<[f64; 2]>,
        /// Which side of the line the tool runs.
        side: ProfileSide,
        /// Depth, mm.
        depth_mm: f64,
        /// Holding tabs left on the last pass.
        #[serde(default)]
        tabs: u32,
    },
}

impl Operation {
    /// The document name of the operation kind (`rosette_channel`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::RosetteChannel { .. } => "rosette_channel",
            Self::CircleCut { .. } => "circle_cut",
            Self::FretSlots { .. } => "fret_slots",
            Self::DrillPattern { .. } => "drill_pattern",
            Self::RectPocket { .. } => "rect_pocket",
            Self::ContourProfile { .. } => "contour_profile",
        }
    }

    /// Final depth below the stock top, mm.
    pub fn depth_mm(&self) -> f64 {
        match self {
            Self::RosetteChannel { depth_mm, .. }
            | Self::CircleCut { depth_mm, .. }
            | Self::DrillPattern { depth_mm, .. }
            | Self::RectPocket { depth_mm, .. }
            | Self::ContourProfile { depth_mm, .. } => *depth_mm,
            Self::FretSlots { slot_depth_mm, .. } => *slot_depth_mm,
        }
    }
}

/// Fret n's distance from the nut for scale length `scale_mm`: d_n = L − L / 2^(n/12).
///
/// ```
/// let d12 = rmos_core::job::fret_position_mm(647.7, 12);
/// assert!((d12 - 323.850).abs() < 0.0005);
/// ```
pub fn fret_position_mm(scale_mm: f64, n: u32) -> f64 {
    scale_mm - scale_mm / 2f64.powf(f64::from(n) / 12.0)
}

impl Job {
    /// Builds a job in code and validates it.
    ///
    /// ```
    /// # let text = include_str!("../../examples/jobs/guitar_top.json");
    /// # let j = rmos_core::job::Job::from_json(text).unwrap();
    /// let job = rmos_core::job::Job::new(j.machine, j.stock, j.tool, j.cutting, j.operations).unwrap();
    /// assert!(!job.client_feasibility_ignored());
    /// ```
    pub fn new(
        machine: Machine,
        stock: Stock,
        tool: Tool,
        cutting: Cutting,
        operations: Vec<Operation>,
    ) -> Result<Self, InvalidJob> {
        let job = Self {
            name: None,
            machine,
            stock,
            tool,
            cutting,
            operations,
            client_feasibility_ignored: false,
        };
        job.validate()?;
        Ok(job)
    }

    /// Reads and validates a job document.
    ///
    /// Keys in [`CLIENT_FEASIBILITY_KEYS`] are dropped wherever they appear (invariant S1);
    /// [`Job::client_feasibility_ignored`] then returns true. Any other unknown key is an error.
    ///
    /// ```
    /// use rmos_core::job::Job;
    /// let text = include_str!("../../examples/jobs/guitar_top.json");
    /// let job = Job::from_json(text).unwrap();
    /// assert_eq!(job.stock.material, "spruce_sitka");
    ///
    /// let bad = text.replacen("\"depth_mm\": 0.9", "\"depth_mm\": -1", 1);
    /// assert_eq!(Job::from_json(&bad).unwrap_err().to_string(), "operations[0].depth_mm: must be > 0");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InvalidJob> {
        let mut value = parse_document(text)?;
        let ignored = strip_client_feasibility(&mut value);
        let mut job = from_value::<Job>(value)?;
        job.client_feasibility_ignored = ignored;
        job.validate()?;
        Ok(job)
    }

    /// The job as a JSON document (without any client feasibility).
    pub fn to_json(&self) -> String {
        // A Job holds only strings, numbers and arrays: serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The job as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// True when the document this job came from carried client feasibility keys that were dropped.
    pub fn client_feasibility_ignored(&self) -> bool {
        self.client_feasibility_ignored
    }

    /// The stock's catalog material (known for any validated job).
    pub fn material(&self) -> Option<&'static Material> {
        catalog::material(&self.stock.material)
    }

    /// Checks every field; the first failure names its path.
    pub fn validate(&self) -> Result<(), InvalidJob> {
        let m = &self.machine;
        for (i, v) in m.travel_mm.iter().enumerate() {
            positive(format_args!("machine.travel_mm[{i}]"), *v)?;
        }
        positive("machine.spindle_rpm[0]", m.spindle_rpm[0])?;
        positive("machine.spindle_rpm[1]", m.spindle_rpm[1])?;
        if m.spindle_rpm[0] > m.spindle_rpm[1] {
            return Err(InvalidJob::new("machine.spindle_rpm", "min must be <= max"));
        }
        positive("machine.max_feed_mm_min", m.max_feed_mm_min)?;
        positive("machine.max_plunge_mm_min", m.max_plunge_mm_min)?;
        positive("machine.rapid_mm_min", m.rapid_mm_min)?;

        let s = &self.stock;
        if catalog::material(&s.material).is_none() {
            return Err(InvalidJob::new(
                "stock.material",
                format!("unknown material {:?}", truncate(&s.material)),
            ));
        }
        positive("stock.size_mm[0]", s.size_mm[0])?;
        positive("stock.size_mm[1]", s.size_mm[1])?;
        positive("stock.thickness_mm", s.thickness_mm)?;

        let t = &self.tool;
        positive("tool.diameter_mm", t.diameter_mm)?;
        if t.flutes == 0 {
            return Err(InvalidJob::new("tool.flutes", "must be >= 1"));
        }
        if t.flutes > 16 {
            return Err(InvalidJob::new("tool.flutes", "must be <= 16"));
        }
        positive("tool.flute_length_mm", t.flute_length_mm)?;
        positive("tool.stickout_mm", t.stickout_mm)?;

        let c = &self.cutting;
        positive("cutting.rpm", c.rpm)?;
        positive("cutting.feed_mm_min", c.feed_mm_min)?;
        positive("cutting.plunge_mm_min", c.plunge_mm_min)?;
        positive("cutting.stepdown_mm", c.stepdown_mm)?;
        positive("cutting.stepover", c.stepover)?;
        if c.stepover > 1.0 {
            return Err(InvalidJob::new(
                "cutting.stepover",
                "must be <= 1 (a fraction of the tool diameter)",
            ));
        }
        positive("cutting.safe_z_mm", c.safe_z_mm)?;
        if let Some(p) = c.feed_override_percent {
            positive("cutting.feed_override_percent", p)?;
        }

        if self.operations.is_empty() {
            return Err(InvalidJob::new("operations", "must list at least one operation"));
        }
        if self.operations.len() > MAX_OPERATIONS {
            return Err(InvalidJob::new(
                "operations",
                format!("must list at most {MAX_OPERATIONS} operations"),
            ));
        }
        for (i, op) in self.operations.iter().enumerate() {
            validate_operation(i, op)?;
        }
        Ok(())
    }
}

/// `operations[i].name`, formatted only when a check fails (validation runs on every evaluation).
struct OpField(usize, &'static str);

impl std::fmt::Display for OpField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "operations[{}].{}", self.0, self.1)
    }
}

fn validate_operation(i: usize, op: &Operation) -> Result<(), InvalidJob> {
    let f = |name: &'static str| OpField(i, name);
    match op {
        Operation::RosetteChannel {
            center_mm,
            inner_diameter_mm,
            outer_diameter_mm,
            depth_mm,
            rings,
        } => {
            point(f("center_mm"), center_mm)?;
            positive(f("inner_diameter_mm"), *inner_diameter_mm)?;
            positive(f("outer_diameter_mm"), *outer_diameter_mm)?;
            if outer_diameter_mm <= inner_diameter_mm {
                return Err(InvalidJob::new(
                    f("outer_diameter_mm").to_string(),
                    "must be > inner_diameter_mm",
                ));
            }
            positive(f("depth_mm"), *depth_mm)?;
            count(f("rings"), *rings, 1, MAX_RINGS)?;
        }
        Operation::CircleCut {
            center_mm,
            diameter_mm,
            depth_mm,
            tabs,
            ..
        } => {
            point(f("center_mm"), center_mm)?;
            positive(f("diameter_mm"), *diameter_mm)?;
            positive(f("depth_mm"), *depth_mm)?;
            count(f("tabs"), *tabs, 0, MAX_TABS)?;
        }
        Operation::FretSlots {
            scale_length_mm,
            frets,
            nut_at_mm,
            board_width_mm,
            slot_depth_mm,
            kerf_mm,
        } => {
            positive(f("scale_length_mm"), *scale_length_mm)?;
            count(f("frets"), *frets, 1, MAX_FRETS)?;
            point(f("nut_at_mm"), nut_at_mm)?;
            positive(f("board_width_mm"), *board_width_mm)?;
            positive(f("slot_depth_mm"), *slot_depth_mm)?;
            positive(f("kerf_mm"), *kerf_mm)?;
        }
        Operation::DrillPattern {
            points_mm,
            diameter_mm,
            depth_mm,
            peck_mm,
        } => {
            points(f("points_mm"), points_mm, 1)?;
            positive(f("diameter_mm"), *diameter_mm)?;
            positive(f("depth_mm"), *depth_mm)?;
            positive(f("peck_mm"), *peck_mm)?;
        }
        Operation::RectPocket {
            corner_mm,
            size_mm,
            corner_radius_mm,
            depth_mm,
        } => {
            point(f("corner_mm"), corner_mm)?;
            positive(f("size_mm[0]"), size_mm[0])?;
            positive(f("size_mm[1]"), size_mm[1])?;
            non_negative(f("corner_radius_mm"), *corner_radius_mm)?;
            if *corner_radius_mm * 2.0 > size_mm[0].min(size_mm[1]) {
                return Err(InvalidJob::new(
                    f("corner_radius_mm").to_string(),
                    "must be <= half the pocket's smaller side",
                ));
            }
            positive(f("depth_mm"), *depth_mm)?;
        }
        Operation::ContourProfile {
            points_mm,
            depth_mm,
            tabs,
            ..
        } => {
            points(f("points_mm"), points_mm, 3)?;
            positive(f("depth_mm"), *depth_mm)?;
            count(f("tabs"), *tabs, 0, MAX_TABS)?;
        }
    }
    Ok(())
}

fn finite(path: impl std::fmt::Display, v: f64) -> Result<(), InvalidJob> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be a finite number"))
    }
}

fn positive(path: impl std::fmt::Display, v: f64) -> Result<(), InvalidJob> {
    finite(&path, v)?;
    if v > 0.0 {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be > 0"))
    }
}

fn non_negative(path: impl std::fmt::Display, v: f64) -> Result<(), InvalidJob> {
    finite(&path, v)?;
    if v >= 0.0 {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be >= 0"))
    }
}

fn point(path: impl std::fmt::Display, p: &[f64; 2]) -> Result<(), InvalidJob> {
    finite(format_args!("{path}[0]"), p[0])?;
    finite(format_args!("{path}[1]"), p[1])
}

fn points(path: impl std::fmt::Display, pts: &[[f64; 2]], min: usize) -> Result<(), InvalidJob> {
    if pts.len() < min {
        return Err(InvalidJob::new(
            path.to_string(),
            format!("must hold at least {min} points"),
        ));
    }
    if pts.len() > MAX_POINTS {
        return Err(InvalidJob::new(
            path.to_string(),
            format!("must hold at most {MAX_POINTS} points"),
        ));
    }
    for (i, p) in pts.iter().enumerate() {
        point(format_args!("{path}[{i}]"), p)?;
    }
    Ok(())
}

fn count(path: impl std::fmt::Display, v: u32, min: u32, max: u32) -> Result<(), InvalidJob> {
    if v < min {
        Err(InvalidJob::new(path.to_string(), format!("must be >= {min}")))
    } else if v > max {
        Err(InvalidJob::new(path.to_string(), format!("must be <= {max}")))
    } else {
        Ok(())
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(64).collect()
}

/// Parses a job-sized JSON document ([`MAX_JOB_JSON_BYTES`]).
pub(crate) fn parse_document(text: &str) -> Result<Value, InvalidJob> {
    Ok(content::parse_document(text, MAX_JOB_JSON_BYTES)?)
}

/// Deserialises a JSON value, naming the failing field's path.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, InvalidJob> {
    Ok(content::from_value(value)?)
}

/// Drops [`CLIENT_FEASIBILITY_KEYS`] anywhere in `value`; true when any was present.
pub fn strip_client_feasibility(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let mut found = false;
            for key in CLIENT_FEASIBILITY_KEYS {
                found |= map.remove(key).is_some();
            }
            for v in map.values_mut() {
                found |= strip_client_feasibility(v);
            }
            found
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |found, v| strip_client_feasibility(v) | found),
        _ => false,
    }
}
