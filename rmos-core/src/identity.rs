//! Who is asking: an actor's kind and id.
//!
//! The floor below the gates and the ledger: [`crate::gates`] decides what an actor may do, and every run
//! artifact names the actor it records.

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

impl ActorKind {
    /// `"human"`, `"ai"` or `"service"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Ai => "ai",
            Self::Service => "service",
        }
    }

    /// Every kind, in a fixed order.
    pub const ALL: [ActorKind; 3] = [Self::Human, Self::Ai, Self::Service];
}
