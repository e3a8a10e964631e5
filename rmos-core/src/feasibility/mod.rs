//! Feasibility: the two rule packs of `spec/feasibility.md`, evaluated per operation.
//!
//! [`evaluate`] is RMOS's own answer to "is this job safe to run?" (invariant S1): it validates the job,
//! runs the job-level physics rules, then per operation pack 1 (the classic F-rules, [`check_classic`] over
//! a [`ClassicInput`] mapped from the operation) and pack 2 (physics), and aggregates the findings into a
//! [`FeasibilityReport`]: worst bucket, [`score`], cycle time and material removed, engine stamp.
//! [`evaluate_scenario`] runs pack 1 alone on the scenario shape shops already use.
//! What each operation kind means to both packs and the estimates (its geometry, walls, share of the
//! cycle time, and the lutherie checks only it has) sits in one file per kind in `kinds/`.
//!
//! Finding codes:
//!
//! | pack | code | bucket |
//! |---|---|---|
//! | — | `INVALID_JOB` | RED: the job does not validate; the message names the field |
//! | 1 | `F001`–`F007`, `F020`–`F029`, `F033`, `F041` | RED |
//! | 1 | `F010`–`F013`, `F030`–`F032`, `F034`–`F040` | YELLOW |
//! | 2 | `CHIPLOAD_LOW`, `CHIPLOAD_HIGH`, `SURFACE_SPEED_HIGH`, `DEFLECTION_HIGH`, `FEED_LIMIT`, `PLUNGE_LIMIT`, `DEPTH_PER_PASS`, `WIDTH_OF_CUT`, `FLUTE_LENGTH`, `KERF_MISMATCH`, `CHANNEL_WALL_THIN` | YELLOW band, RED band ([`Thresholds`]) |
//! | 2 | `SPINDLE_RANGE` | RED outside the machine's range, YELLOW outside the material's |
//! | 2 | `THROUGH_STOCK` | RED past the stock's thickness or entirely off the stock; YELLOW partly off it |
//! | 2 | `FRET_OUTSIDE_BOARD` | RED off the stock; YELLOW within `fret_end_margin_mm` of its end |
//! | 2 | `ENVELOPE`, `TOOL_TOO_WIDE` | RED |
//! | 2 | `UNUSUAL_SCALE_LENGTH` | YELLOW |

mod classic;
mod engine;
mod estimates;
mod feature;
mod kinds;
mod mapping;
mod physics;
mod report;
mod scenario;
mod thresholds;

pub use classic::{check_classic, ClassicInput};
pub use engine::{evaluate, score};
pub use report::{Bucket, Estimates, FeasibilityReport, Finding};
pub use scenario::{evaluate_classic, evaluate_scenario, ClassicScenario};
pub use thresholds::Thresholds;
