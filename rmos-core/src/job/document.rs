//! [`Job`] and its sections: machine, stock, tool, cutting parameters, and the sides a cut can take.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::operations::Operation;
use crate::catalog::{self, Material, ToolKind, ToolMaterial};
use crate::error::InvalidJob;

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
    pub(super) client_feasibility_ignored: bool,
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
    /// # let text = include_str!("../../../examples/jobs/guitar_top.json");
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
    /// Keys in [`CLIENT_FEASIBILITY_KEYS`](super::CLIENT_FEASIBILITY_KEYS) are dropped wherever they appear (invariant S1);
    /// [`Job::client_feasibility_ignored`] then returns true. Any other unknown key is an error.
    ///
    /// ```
    /// use rmos_core::job::Job;
    /// let text = include_str!("../../../examples/jobs/guitar_top.json");
    /// let job = Job::from_json(text).unwrap();
    /// assert_eq!(job.stock.material, "spruce_sitka");
    ///
    /// let bad = text.replacen("\"depth_mm\": 0.9", "\"depth_mm\": -1", 1);
    /// assert_eq!(Job::from_json(&bad).unwrap_err().to_string(), "operations[0].depth_mm: must be > 0");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InvalidJob> {
        let job = super::reader::read_job(text)?;
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
}
