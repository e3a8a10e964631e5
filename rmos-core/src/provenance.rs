//! Signed programs: a provenance block at the end of released G-code that a machine-side sender checks
//! before it streams a single line.
//!
//! [`sign_program`] appends the block in the dialect's comment syntax: the artifact id, the ledger id, the
//! approver, the machine name, the SHA-256 of the program body, and the ledger key's Ed25519 signature
//! over those five (the *statement*, [`Provenance::statement`]). The body is the whole program without its
//! block: the text before it and, for a program that ends with a `%` line (tape end), that line after it.
//! [`verify_program`] refuses any edited byte of the body or the block, a missing block, a wrong key, and
//! [`verify_program_in`] also a program from another ledger.
//!
//! The block, in [`CommentStyle::Parentheses`] (GRBL, LinuxCNC, Mach3/4, Fanuc-style):
//!
//! ```text
//! (RMOS PROVENANCE V1)
//! (ARTIFACT sha256:…)
//! (LEDGER rmos.example/ledger/shop-1)
//! (APPROVER human:luthier)
//! (MACHINE shapeoko-4)
//! (BODY sha256:…)
//! (SIG <first 64 hex digits>)
//! (SIG <last 64 hex digits>)
//! (END RMOS PROVENANCE)
//! ```
//!
//! No line is longer than 80 columns: a long value continues on the next line under the same tag. Field
//! values are printable ASCII without spaces, parentheses, `;` or `%`, at most [`MAX_FIELD_LEN`] long.
//!
//! ```
//! use rmos_core::keys::SigningKey;
//! use rmos_core::provenance::{sign_program, verify_program, CommentStyle, ProvenanceFields};
//! let ledger_key = SigningKey::from_seed([1; 32]);
//! let fields = ProvenanceFields {
//!     artifact_id: "sha256:0f3a".into(),
//!     ledger_id: "rmos.example/ledger/shop-1".into(),
//!     approver: "human:luthier".into(),
//!     machine: "shapeoko-4".into(),
//! };
//! let body = "G21 G90\nG0 Z5\nM30\n";
//! let program = sign_program(body, &fields, &ledger_key, CommentStyle::Parentheses).unwrap();
//! assert!(program.starts_with(body));
//! let provenance = verify_program(&program, &ledger_key.public_key()).unwrap();
//! assert_eq!(provenance.fields, fields);
//! assert!(verify_program(&program.replace("Z5", "Z-5"), &ledger_key.public_key()).is_err());
//! ```

mod block;

use crate::content::ContentHash;
use crate::keys::{PublicKey, Signature, SigningKey};

pub use block::{CommentStyle, MAX_FIELD_LEN};

/// What a released program says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvenanceFields {
    /// The toolpath artifact that released the program, in its ledger.
    pub artifact_id: String,
    /// The ledger that recorded the release.
    pub ledger_id: String,
    /// The member who approved the job.
    pub approver: String,
    /// The machine the program was posted for.
    pub machine: String,
}

/// A verified provenance block: its fields, the body hash and the ledger key's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The fields, as signed.
    pub fields: ProvenanceFields,
    /// SHA-256 of the program without its block.
    pub body_hash: ContentHash,
    /// The ledger key's signature over [`Provenance::statement`].
    pub signature: Signature,
}

impl Provenance {
    /// The bytes the ledger key signs: a version line, then one `name=value` line per field and the body
    /// hash. A detached signer signs exactly these.
    pub fn statement(fields: &ProvenanceFields, body_hash: &ContentHash) -> Vec<u8> {
        format!(
            "rmos-provenance-v1\nartifact={}\nledger={}\napprover={}\nmachine={}\nbody={}\n",
            fields.artifact_id, fields.ledger_id, fields.approver, fields.machine, body_hash
        )
        .into_bytes()
    }
}

/// Why a program cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProvenanceError {
    /// A field's value cannot be written in a comment.
    #[error("provenance field {field}: {reason}")]
    InvalidField {
        /// `artifact_id`, `ledger_id`, `approver` or `machine`.
        field: &'static str,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The body already carries a provenance block.
    #[error("program body already carries a provenance block")]
    AlreadySigned,
}

/// Why a program is refused at the machine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgramTamper {
    /// No provenance block at the end of the program.
    #[error("program has no provenance block at its end")]
    MissingBlock,
    /// The block is there but not as RMOS writes it; `reason` names the line.
    #[error("provenance block malformed: {reason}")]
    MalformedBlock {
        /// What is wrong.
        reason: &'static str,
    },
    /// Something other than a final `%` line follows the block.
    #[error("program continues after its provenance block")]
    TextAfterBlock,
    /// The body's hash is not the one the block names: a byte of the program was edited.
    #[error("program body edited: block names {signed}, body hashes to {found}")]
    BodyEdited {
        /// The hash in the block.
        signed: ContentHash,
        /// The hash of the body as received.
        found: ContentHash,
    },
    /// The block's signature does not verify under the given ledger key: a field was edited, or the key
    /// is another ledger's.
    #[error("provenance signature does not verify under ledger key {public_key}")]
    BadSignature {
        /// The key checked against, in hex.
        public_key: String,
    },
    /// The program was released by another ledger than the one expected.
    #[error("program released by ledger {found}, expected {expected}")]
    OtherLedger {
        /// The ledger expected.
        expected: String,
        /// The ledger the block names.
        found: String,
    },
}

/// Appends a provenance block to `body`, signed by the ledger key, in `style`. A body that does not end
/// with a line break gets one (it is part of the signed body). A body whose last line is `%` keeps it last:
/// the block goes before it.
///
/// # Errors
/// [`ProvenanceError::InvalidField`] for a value that cannot be written in a comment;
/// [`ProvenanceError::AlreadySigned`].
pub fn sign_program(
    body: &str,
    fields: &ProvenanceFields,
    ledger_key: &SigningKey,
    style: CommentStyle,
) -> Result<String, ProvenanceError> {
    block::check_fields(fields)?;
    if block::contains_header(body) {
        return Err(ProvenanceError::AlreadySigned);
    }
    let eol = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let (head, tail) = block::split_tape_end(body);
    let mut program = String::with_capacity(body.len() + 1024);
    program.push_str(head);
    if !head.is_empty() && !head.ends_with('\n') {
        program.push_str(eol);
    }
    let body_hash = {
        let mut hasher = block::BodyHasher::new();
        hasher.update(program.as_bytes());
        hasher.update(tail.as_bytes());
        hasher.finish()
    };
    let signature = ledger_key.sign(&Provenance::statement(fields, &body_hash));
    let provenance = Provenance {
        fields: fields.clone(),
        body_hash,
        signature,
    };
    program.push_str(&block::render(&provenance, style, eol));
    program.push_str(tail);
    Ok(program)
}

/// Checks a program's provenance block under the ledger key `ledger_key`; returns what it says.
///
/// # Errors
/// [`ProgramTamper`]: a missing or malformed block, text after it, an edited body, or a signature that
/// does not verify (an edited field or another key).
pub fn verify_program(gcode: &str, ledger_key: &PublicKey) -> Result<Provenance, ProgramTamper> {
    verify_program_bytes(gcode.as_bytes(), ledger_key)
}

/// [`verify_program`], and the block must name `ledger_id`.
///
/// # Errors
/// As [`verify_program`], and [`ProgramTamper::OtherLedger`].
pub fn verify_program_in(
    gcode: &str,
    ledger_key: &PublicKey,
    ledger_id: &str,
) -> Result<Provenance, ProgramTamper> {
    let provenance = verify_program(gcode, ledger_key)?;
    if provenance.fields.ledger_id != ledger_id {
        return Err(ProgramTamper::OtherLedger {
            expected: ledger_id.to_owned(),
            found: provenance.fields.ledger_id,
        });
    }
    Ok(provenance)
}

/// [`verify_program`] over raw bytes, for a sender that reads the file as it will stream it.
///
/// # Errors
/// As [`verify_program`].
pub fn verify_program_bytes(gcode: &[u8], ledger_key: &PublicKey) -> Result<Provenance, ProgramTamper> {
    let found = block::locate(gcode)?;
    let provenance = found.provenance;
    let body_hash = {
        let mut hasher = block::BodyHasher::new();
        hasher.update(gcode.get(..found.start).unwrap_or_default());
        hasher.update(gcode.get(found.end..).unwrap_or_default());
        hasher.finish()
    };
    if body_hash != provenance.body_hash {
        return Err(ProgramTamper::BodyEdited {
            signed: provenance.body_hash,
            found: body_hash,
        });
    }
    let statement = Provenance::statement(&provenance.fields, &provenance.body_hash);
    ledger_key
        .verify(&statement, &provenance.signature)
        .map_err(|_| ProgramTamper::BadSignature {
            public_key: ledger_key.to_hex(),
        })?;
    Ok(provenance)
}
