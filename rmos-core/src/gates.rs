//! Gates: who may do what, and the policy that decides approvals.
//!
//! Deny by default: an actor may do only what the policy grants its kind, and some things no policy can
//! grant: only a human approves or overrides, and an AI never approves, overrides or produces G-code (S5).

use serde::{Deserialize, Serialize};

use crate::content::{hash_canonical, ContentHash};
use crate::feasibility::Bucket;
pub use crate::identity::{Actor, ActorKind};

/// Something an actor may be allowed to do: each one is checked by the gate that needs it (approval in
/// [`Policy::decide`], G-code in `Program::release`). Evaluating a job and proposing changes to one need no
/// grant: they decide nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Approve a GREEN job.
    Approve,
    /// Approve a YELLOW job with a written reason.
    OverrideYellow,
    /// Approve a RED job with a reason and an acknowledgement of the risk.
    OverrideRed,
    /// Produce toolpaths and G-code from an approval.
    EmitGcode,
}

impl Capability {
    /// Every capability, in a fixed order.
    pub const ALL: [Capability; 4] = [
        Self::Approve,
        Self::OverrideYellow,
        Self::OverrideRed,
        Self::EmitGcode,
    ];

    /// Whether any policy may grant this capability to `kind`. Approving and overriding are a human's alone;
    /// an AI never produces G-code (invariant S5).
    pub fn grantable_to(self, kind: ActorKind) -> bool {
        match self {
            Self::Approve | Self::OverrideYellow | Self::OverrideRed => kind == ActorKind::Human,
            Self::EmitGcode => kind != ActorKind::Ai,
        }
    }
}

/// Capabilities granted to one kind of actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// The kind of actor.
    pub kind: ActorKind,
    /// What it may do (beyond this list: nothing).
    pub capabilities: Vec<Capability>,
}

/// The rules an approval is held to. Serialised canonically, its hash enters every artifact (S7).
///
/// ```
/// use rmos_core::gates::{Actor, Capability, Policy};
/// let policy = Policy::default();
/// assert!(policy.allows(&Actor::human("luthier"), Capability::Approve));
/// assert!(!policy.allows(&Actor::ai("assistant"), Capability::Approve));
/// assert!(policy.hash().to_string().starts_with("sha256:"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Whether a human may approve a YELLOW job with a written reason. Default true.
    pub allow_yellow_override: bool,
    /// Whether a human may approve a RED job with a reason and an acknowledgement of the risk. Default false.
    pub allow_red_override: bool,
    /// Shortest written override reason, characters (surrounding white space not counted). Default 10.
    pub min_override_reason_chars: usize,
    /// What each kind of actor may do. Default: humans everything; services emit G-code from a human's
    /// approval; AI nothing (no grant names it).
    pub grants: Vec<Grant>,
    /// Thresholds of the physics pack.
    pub thresholds: crate::feasibility::Thresholds,
}

impl Default for Policy {
    fn default() -> Self {
        use Capability::*;
        Self {
            allow_yellow_override: true,
            allow_red_override: false,
            min_override_reason_chars: 10,
            grants: vec![
                Grant {
                    kind: ActorKind::Human,
                    capabilities: vec![Approve, OverrideYellow, OverrideRed, EmitGcode],
                },
                Grant {
                    kind: ActorKind::Service,
                    capabilities: vec![EmitGcode],
                },
            ],
            thresholds: crate::feasibility::Thresholds::default(),
        }
    }
}

/// A policy document that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct InvalidPolicy {
    /// Path of the failing field.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Policy {
    /// Reads a policy document; missing fields take their defaults, unknown ones are an error.
    ///
    /// ```
    /// let p = rmos_core::gates::Policy::from_json(r#"{"allow_red_override": true}"#).unwrap();
    /// assert!(p.allow_red_override && p.allow_yellow_override);
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InvalidPolicy> {
        let value = crate::job::parse_document(text).map_err(|e| InvalidPolicy {
            path: e.path,
            reason: e.reason,
        })?;
        crate::job::from_value(value).map_err(|e| InvalidPolicy {
            path: e.path,
            reason: e.reason,
        })
    }

    /// The policy as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Content address of the canonical policy document.
    pub fn hash(&self) -> ContentHash {
        hash_canonical(self)
    }

    /// Whether `actor` may do `capability`: granted to its kind by this policy, and grantable to that kind at all.
    pub fn allows(&self, actor: &Actor, capability: Capability) -> bool {
        capability.grantable_to(actor.kind)
            && self
                .grants
                .iter()
                .any(|g| g.kind == actor.kind && g.capabilities.contains(&capability))
    }

    /// Decides an approval attempt of a job in `bucket` by `actor`, with an optional override.
    ///
    /// GREEN approves; YELLOW only with a human's written override where the policy allows it; RED only where the
    /// policy enables RED overrides and the human acknowledges the risk. Everything else is blocked, with reasons.
    ///
    /// ```
    /// use rmos_core::feasibility::Bucket;
    /// use rmos_core::gates::{Actor, Override, Policy};
    /// let policy = Policy::default();
    /// let luthier = Actor::human("luthier");
    /// assert!(policy.decide(&luthier, Bucket::Green, None).approved());
    /// assert!(!policy.decide(&luthier, Bucket::Yellow, None).approved());
    /// let why = Override::new("fresh 1/16 bit, checked runout", false);
    /// assert!(policy.decide(&luthier, Bucket::Yellow, Some(&why)).approved());
    /// assert!(!policy.decide(&luthier, Bucket::Red, Some(&why)).approved());
    /// ```
    pub fn decide(&self, actor: &Actor, bucket: Bucket, override_: Option<&Override>) -> Decision {
        let mut denied = Vec::new();
        if !self.allows(actor, Capability::Approve) {
            denied.push(format!(
                "{} actor {:?} may not approve",
                actor.kind.as_str(),
                actor.id
            ));
        }
        let mut noted = Vec::new();
        match bucket {
            Bucket::Green => {}
            Bucket::Yellow => match override_ {
                None => denied.push("YELLOW job needs a human override with a written reason".to_owned()),
                Some(o) => {
                    if !self.allow_yellow_override {
                        denied.push("policy does not allow YELLOW overrides".to_owned());
                    }
                    if !self.allows(actor, Capability::OverrideYellow) {
                        denied.push(format!("{} actor may not override YELLOW", actor.kind.as_str()));
                    }
                    self.check_reason(o, &mut denied);
                    noted.push(format!("YELLOW override: {}", o.reason.trim()));
                }
            },
            Bucket::Red => match override_ {
                None => denied.push("RED job is never approved without an enabled RED override".to_owned()),
                Some(o) => {
                    if !self.allow_red_override {
                        denied.push("policy does not enable RED overrides".to_owned());
                    }
                    if !self.allows(actor, Capability::OverrideRed) {
                        denied.push(format!("{} actor may not override RED", actor.kind.as_str()));
                    }
                    if !o.acknowledge_risk {
                        denied.push("RED override needs the risk acknowledged".to_owned());
                    }
                    self.check_reason(o, &mut denied);
                    noted.push(format!("RED override, risk acknowledged: {}", o.reason.trim()));
                }
            },
        }
        if denied.is_empty() {
            Decision::Approve { reasons: noted }
        } else {
            Decision::Block { reasons: denied }
        }
    }

    fn check_reason(&self, o: &Override, denied: &mut Vec<String>) {
        // Letters and digits only: spaces, punctuation, zero-width and control characters and combining
        // marks do not make a reason.
        let chars = o.reason.chars().filter(|c| c.is_alphanumeric()).count();
        if chars < self.min_override_reason_chars {
            denied.push(format!(
                "override reason has {chars} letters and digits; at least {} are required",
                self.min_override_reason_chars
            ));
        }
    }
}

/// A human's override of a YELLOW or RED bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Why the job may run anyway, in the human's words.
    pub reason: String,
    /// The human acknowledges the risk (required for RED).
    #[serde(default)]
    pub acknowledge_risk: bool,
}

impl Override {
    /// An override with a reason.
    pub fn new(reason: impl Into<String>, acknowledge_risk: bool) -> Self {
        Self {
            reason: reason.into(),
            acknowledge_risk,
        }
    }
}

/// The gate's answer to one approval attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Approved; the reasons record any override.
    Approve {
        /// Override notes, empty for a plain GREEN approval.
        reasons: Vec<String>,
    },
    /// Blocked, with every reason that applied.
    Block {
        /// Why.
        reasons: Vec<String>,
    },
}

impl Decision {
    /// True for [`Decision::Approve`].
    pub fn approved(&self) -> bool {
        matches!(self, Self::Approve { .. })
    }

    /// The reasons, either way.
    pub fn reasons(&self) -> &[String] {
        match self {
            Self::Approve { reasons } | Self::Block { reasons } => reasons,
        }
    }
}
