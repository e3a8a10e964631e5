//! Advisory proposals: parameter changes that become a new draft, never an approval.
