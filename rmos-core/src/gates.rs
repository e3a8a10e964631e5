//! Gates: who may do what, and the policy that decides approvals.

use serde::{Deserialize, Serialize};

/// What kind of caller an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A person at the machine or the CAM desk.
    Human,
    /// An AI or other advisory system: may propose, never approve (invariant S5).
    Ai,
    /// An automated service (a CAM host's batch process).
    Service,
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Kind of caller.
    pub kind: ActorKind,
    /// Identifier (a user name, a model id, a service name).
    pub id: String,
}

impl Actor {
    /// A human actor.
    pub fn human(id: impl Into<String>) -> Self {
        Self {
            kind: ActorKind::Human,
            id: id.into(),
        }
    }
    /// An AI actor.
    pub fn ai(id: impl Into<String>) -> Self {
        Self {
            kind: ActorKind::Ai,
            id: id.into(),
        }
    }
    /// A service actor.
    pub fn service(id: impl Into<String>) -> Self {
        Self {
            kind: ActorKind::Service,
            id: id.into(),
        }
    }
}

/// The rules an approval is held to. Serialised canonically, its hash enters every artifact (S7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Whether a human may approve a YELLOW job with a written reason. Default true.
    pub allow_yellow_override: bool,
    /// Whether a human may approve a RED job with a reason and an acknowledgement of the risk. Default false.
    pub allow_red_override: bool,
    /// Shortest written override reason, characters. Default 10.
    pub min_override_reason_chars: usize,
    /// Thresholds of the physics pack.
    pub thresholds: crate::feasibility::Thresholds,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            allow_yellow_override: true,
            allow_red_override: false,
            min_override_reason_chars: 10,
            thresholds: crate::feasibility::Thresholds::default(),
        }
    }
}
