//! The roster: who belongs to a signed ledger, with which key and which roles.
//!
//! A member's kind is part of the roster a lead signed, never something a caller declares at approval time.
//! Some roles no roster can give: an AI or a service member never holds `lead`, `approve`, `override` or
//! `release` (invariant S5); [`Roster::new`] refuses such a roster with the field that breaks the rule.

use serde::{Deserialize, Serialize};

use crate::identity::{Actor, ActorKind};
use crate::keys::PublicKey;

/// What a member may do on a signed ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Adopt a new roster and policy.
    Lead,
    /// Approve a GREEN job.
    Approve,
    /// Approve a YELLOW or RED job with a written reason, where the policy allows it.
    Override,
    /// Release a program from an approval.
    Release,
    /// Propose changes to a job (suggestions, never authoritative).
    Propose,
}

impl Role {
    /// Every role, in a fixed order.
    pub const ALL: [Role; 5] = [
        Self::Lead,
        Self::Approve,
        Self::Override,
        Self::Release,
        Self::Propose,
    ];

    /// `"lead"`, `"approve"`, `"override"`, `"release"` or `"propose"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Approve => "approve",
            Self::Override => "override",
            Self::Release => "release",
            Self::Propose => "propose",
        }
    }

    /// Whether a member of `kind` may hold this role at all: only a human leads, approves, overrides or
    /// releases; anyone may propose.
    pub fn holdable_by(self, kind: ActorKind) -> bool {
        match self {
            Self::Propose => true,
            Self::Lead | Self::Approve | Self::Override | Self::Release => kind == ActorKind::Human,
        }
    }

    /// The role named `text`, if any.
    pub fn parse(text: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// One member of a roster. Fields are declared in canonical key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's id, as artifacts record it (the rules of [`Actor::check_id`]).
    pub id: String,
    /// Human, AI or service.
    pub kind: ActorKind,
    /// The member's Ed25519 public key: a statement signed by its secret half is this member's.
    pub public_key: PublicKey,
    /// What the member may do.
    pub roles: Vec<Role>,
}

impl Member {
    /// A member.
    pub fn new(id: impl Into<String>, kind: ActorKind, public_key: PublicKey, roles: &[Role]) -> Self {
        Self {
            id: id.into(),
            kind,
            public_key,
            roles: roles.to_vec(),
        }
    }

    /// The actor an artifact records for this member.
    pub fn actor(&self) -> Actor {
        Actor {
            kind: self.kind,
            id: self.id.clone(),
        }
    }

    /// Whether the member holds `role` and may hold it.
    pub fn has(&self, role: Role) -> bool {
        role.holdable_by(self.kind) && self.roles.contains(&role)
    }
}

/// A roster that cannot be adopted, naming the field (`members[2].roles`) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct InvalidRoster {
    /// Path of the failing field.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The members of a signed ledger: checked when made, so a `Roster` value always holds the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roster {
    members: Vec<Member>,
}

/// Most members a roster holds.
pub const MAX_MEMBERS: usize = 1024;

impl Roster {
    /// Checks `members` and makes the roster.
    ///
    /// # Errors
    /// [`InvalidRoster`] naming the first failing field: no member or more than [`MAX_MEMBERS`]
    /// (`members`); a bad id, a second member with the same id (`members[i].id`) or key
    /// (`members[i].public_key`); a role given twice or one its kind may not hold (`members[i].roles`);
    /// no member holding `lead` (`members`).
    ///
    /// ```
    /// use rmos_core::authority::{Member, Role, Roster};
    /// use rmos_core::identity::ActorKind;
    /// use rmos_core::keys::SigningKey;
    /// let lead = SigningKey::from_seed([1; 32]).public_key();
    /// let bot = SigningKey::from_seed([2; 32]).public_key();
    /// let ok = Roster::new(vec![Member::new("luthier", ActorKind::Human, lead, &[Role::Lead, Role::Approve])]);
    /// assert!(ok.is_ok());
    /// let err = Roster::new(vec![
    ///     Member::new("luthier", ActorKind::Human, lead, &[Role::Lead]),
    ///     Member::new("gpt", ActorKind::Ai, bot, &[Role::Approve]),
    /// ])
    /// .unwrap_err();
    /// assert_eq!(err.field, "members[1].roles");
    /// ```
    pub fn new(members: Vec<Member>) -> Result<Roster, InvalidRoster> {
        let bad = |field: String, reason: String| Err(InvalidRoster { field, reason });
        if members.is_empty() {
            return bad("members".into(), "a roster needs at least one member".into());
        }
        if members.len() > MAX_MEMBERS {
            return bad(
                "members".into(),
                format!("{} members; at most {MAX_MEMBERS}", members.len()),
            );
        }
        for (i, m) in members.iter().enumerate() {
            if let Err(reason) = m.actor().check_id() {
                return bad(format!("members[{i}].id"), reason);
            }
            let earlier = members.get(..i).unwrap_or_default();
            if earlier.iter().any(|e| e.id == m.id) {
                return bad(
                    format!("members[{i}].id"),
                    format!("id {:?} is given twice", m.id),
                );
            }
            if earlier.iter().any(|e| e.public_key == m.public_key) {
                return bad(
                    format!("members[{i}].public_key"),
                    format!("key {} belongs to another member already", m.public_key),
                );
            }
            for (j, role) in m.roles.iter().enumerate() {
                if m.roles.get(..j).unwrap_or_default().contains(role) {
                    return bad(
                        format!("members[{i}].roles"),
                        format!("role {} is given twice", role.as_str()),
                    );
                }
                if !role.holdable_by(m.kind) {
                    return bad(
                        format!("members[{i}].roles"),
                        format!(
                            "{} member {:?} may not hold the {} role: only a human leads, approves, overrides or \
                             releases",
                            m.kind.as_str(),
                            m.id,
                            role.as_str()
                        ),
                    );
                }
            }
        }
        if !members.iter().any(|m| m.has(Role::Lead)) {
            return bad("members".into(), "no member holds the lead role".into());
        }
        Ok(Roster { members })
    }

    /// The members, in the order adopted.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The member whose key is `key`.
    pub fn by_key(&self, key: &PublicKey) -> Option<&Member> {
        self.members.iter().find(|m| m.public_key == *key)
    }
}

impl<'de> Deserialize<'de> for Roster {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            members: Vec<Member>,
        }
        let wire = Wire::deserialize(deserializer)?;
        Roster::new(wire.members).map_err(serde::de::Error::custom)
    }
}
