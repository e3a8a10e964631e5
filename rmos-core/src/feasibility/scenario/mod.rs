//! The scenario shape `{geometry, material, tool, params}` shops use for validation scenarios: pack 1 alone.
//!
//! - `document`: the scenario document, read in one pass from the text into typed sections; every key of
//!   the published schema accepted, any other refused with its path.
//! - `map`: the mapping to the classic input, exactly as `spec/feasibility.md` says (table there).
//! - this module: [`evaluate_scenario`] from text, and [`ClassicScenario`] / [`evaluate_classic`] for a
//!   scenario read once and evaluated many times.

mod document;
mod map;

use super::classic::{push_classic, ClassicInput};
use super::engine::report;
use super::report::{Estimates, FeasibilityReport};
use crate::error::InvalidJob;

/// A scenario read and mapped to the classic rules' input, ready to evaluate with [`evaluate_classic`].
///
/// ```
/// use rmos_core::feasibility::{evaluate_classic, evaluate_scenario, ClassicScenario};
/// let text = r#"{"geometry": {"type": "pocket", "wall_thickness_mm": 0.99},
///                "material": {"id": "maple_hard", "hardness": "hard"}}"#;
/// let scenario = ClassicScenario::from_json(text).unwrap();
/// assert_eq!(scenario.input.wall_thickness_mm, Some(0.99));
/// assert_eq!(evaluate_classic(&scenario), evaluate_scenario(text).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClassicScenario {
    /// The classic rules' input the scenario maps to.
    pub input: ClassicInput,
    /// Cycle time and material removed of the scenario's pocket.
    pub estimates: Estimates,
    /// True when the document carried client feasibility keys that were dropped (invariant S1).
    pub client_feasibility_ignored: bool,
}

impl ClassicScenario {
    /// Reads and maps a scenario document; errors as [`evaluate_scenario`]'s.
    pub fn from_json(json_text: &str) -> Result<Self, InvalidJob> {
        let scenario = document::Scenario::from_json(json_text)?;
        let client_feasibility_ignored = scenario.client_feasibility();
        let (input, estimates) = map::map(scenario);
        Ok(Self {
            input,
            estimates,
            client_feasibility_ignored,
        })
    }
}

/// Runs the classic rules (pack 1) on a scenario read beforehand: the report [`evaluate_scenario`] gives
/// for the same text.
pub fn evaluate_classic(scenario: &ClassicScenario) -> FeasibilityReport {
    let mut findings = Vec::new();
    push_classic(&scenario.input, &mut findings);
    report(
        findings,
        scenario.estimates.clone(),
        scenario.client_feasibility_ignored,
    )
}

/// Evaluates a scenario `{geometry, material, tool, params}` with the classic rules (pack 1) alone; the
/// compatibility entry point for shops moving from the original RMOS. See the `map` module table for the
/// mapping.
///
/// Errors name the failing field: `params.doc_mm: invalid type: string "2", expected f64`; a misspelt key
/// is refused at its path (`params.dok_mm: unknown field ...`); a number too large for a float (`1e400`)
/// or any other malformed JSON is an error at `$`.
///
/// ```
/// use rmos_core::feasibility::{evaluate_scenario, Bucket};
/// let report = evaluate_scenario(r#"{
///     "geometry": {"type": "pocket", "depth_mm": 6, "wall_thickness_mm": 0.99},
///     "material": {"id": "maple_hard", "type": "hardwood", "hardness": "hard", "thickness_mm": 20},
///     "tool": {"diameter_mm": 6.35, "flutes": 2, "type": "upcut"}, "params": {"doc_mm": 2, "woc_percent": 40}
/// }"#).unwrap();
/// assert_eq!(report.bucket, Bucket::Red);
/// assert_eq!(report.codes(), ["F028", "F010", "F037"]);
/// assert!(!report.export_allowed());
///
/// let err = evaluate_scenario(r#"{"geometry": {"type": "pocket"}, "params": {"doc_mm": "2"}}"#).unwrap_err();
/// assert_eq!(err.path, "params.doc_mm");
/// ```
pub fn evaluate_scenario(json_text: &str) -> Result<FeasibilityReport, InvalidJob> {
    Ok(evaluate_classic(&ClassicScenario::from_json(json_text)?))
}
