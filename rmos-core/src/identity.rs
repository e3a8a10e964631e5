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

/// Longest actor id, in bytes.
pub const MAX_ID_BYTES: usize = 128;

impl Actor {
    /// Checks the id a ledger would record: non-empty (not only spaces), at most [`MAX_ID_BYTES`] bytes,
    /// and printable: no control character (NUL included) and no whitespace but the plain space.
    ///
    /// ```
    /// use rmos_core::identity::Actor;
    /// assert!(Actor::human("luthier").check_id().is_ok());
    /// assert!(Actor::human("").check_id().is_err());
    /// assert!(Actor::human("a\0b").check_id().is_err());
    /// assert!(Actor::human("x".repeat(129)).check_id().is_err());
    /// ```
    pub fn check_id(&self) -> Result<(), String> {
        let id = &self.id;
        let why = if id.trim().is_empty() {
            Some("is empty")
        } else if id.len() > MAX_ID_BYTES {
            Some("is longer than 128 bytes")
        } else if id
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
        {
            Some("holds a control or whitespace character other than a space")
        } else {
            None
        };
        match why {
            None => Ok(()),
            Some(why) => Err(format!("actor id {:?} {why}", self.recorded().id)),
        }
    }

    /// The actor as an artifact records it: the id cut to [`MAX_ID_BYTES`] at a character boundary, control
    /// characters replaced by `?`.
    pub fn recorded(&self) -> Actor {
        let mut id = String::with_capacity(self.id.len().min(MAX_ID_BYTES));
        for c in self.id.chars() {
            let c = if c.is_control() { '?' } else { c };
            if id.len() + c.len_utf8() > MAX_ID_BYTES {
                break;
            }
            id.push(c);
        }
        Actor { kind: self.kind, id }
    }

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
