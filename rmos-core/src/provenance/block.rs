//! The provenance block's text: writing it, finding it at a program's end, and reading it back.
#![allow(
    clippy::indexing_slicing,
    reason = "offsets come from the block's own search over the same bytes; tests/provenance.rs edits every byte"
)]

use sha2::{Digest, Sha256};

use super::{ProgramTamper, Provenance, ProvenanceError, ProvenanceFields};
use crate::content::ContentHash;
use crate::keys::Signature;

/// The longest field value a block carries.
pub const MAX_FIELD_LEN: usize = 200;
/// Values are cut into pieces of this many characters, one per line: `(ARTIFACT <64>)` is 75 columns.
const CHUNK: usize = 64;
/// The block must start within this many bytes of the program's end (a block is under 2 KiB).
const WINDOW: usize = 8 * 1024;
const HEADER: &str = "RMOS PROVENANCE V1";
const FOOTER: &str = "END RMOS PROVENANCE";

/// How a controller writes a comment line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `(comment)`: GRBL, LinuxCNC, Mach3/4 and Fanuc-style controls all accept it.
    Parentheses,
    /// `; comment`: GRBL and LinuxCNC only.
    Semicolon,
}

impl CommentStyle {
    fn open(self) -> &'static str {
        match self {
            CommentStyle::Parentheses => "(",
            CommentStyle::Semicolon => "; ",
        }
    }

    fn close(self) -> &'static str {
        match self {
            CommentStyle::Parentheses => ")",
            CommentStyle::Semicolon => "",
        }
    }

    fn line(self, text: &str, eol: &str, out: &mut String) {
        out.push_str(self.open());
        out.push_str(text);
        out.push_str(self.close());
        out.push_str(eol);
    }
}

pub(super) struct BodyHasher(Sha256);

impl BodyHasher {
    pub(super) fn new() -> Self {
        BodyHasher(Sha256::new())
    }

    pub(super) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub(super) fn finish(self) -> ContentHash {
        ContentHash::from_bytes(self.0.finalize().into())
    }
}

fn check_value(field: &'static str, value: &str) -> Result<(), ProvenanceError> {
    let invalid = |reason| Err(ProvenanceError::InvalidField { field, reason });
    if value.is_empty() {
        return invalid("empty");
    }
    if value.len() > MAX_FIELD_LEN {
        return invalid("longer than 200 characters");
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'(' | b')' | b';' | b'%'))
    {
        return invalid("only printable ASCII without spaces, parentheses, ';' or '%'");
    }
    Ok(())
}

pub(super) fn check_fields(fields: &ProvenanceFields) -> Result<(), ProvenanceError> {
    check_value("artifact_id", &fields.artifact_id)?;
    check_value("ledger_id", &fields.ledger_id)?;
    check_value("approver", &fields.approver)?;
    check_value("machine", &fields.machine)
}

pub(super) fn contains_header(body: &str) -> bool {
    body.contains(HEADER)
}

/// Splits off a final `%` line (with its line break, if any) from `body`.
pub(super) fn split_tape_end(body: &str) -> (&str, &str) {
    let trimmed = body
        .strip_suffix("\r\n")
        .or_else(|| body.strip_suffix('\n'))
        .unwrap_or(body);
    match trimmed.strip_suffix('%') {
        Some(before) if before.is_empty() || before.ends_with('\n') => body.split_at(before.len()),
        _ => (body, ""),
    }
}

fn push_field(style: CommentStyle, tag: &str, value: &str, eol: &str, out: &mut String) {
    // Values are ASCII (checked on signing, and on reading since they come from a parsed block).
    let mut rest = value;
    while !rest.is_empty() {
        let (piece, after) = rest.split_at(rest.len().min(CHUNK));
        style.line(&format!("{tag} {piece}"), eol, out);
        rest = after;
    }
}

pub(super) fn render(provenance: &Provenance, style: CommentStyle, eol: &str) -> String {
    let fields = &provenance.fields;
    let mut out = String::with_capacity(1024);
    style.line(HEADER, eol, &mut out);
    push_field(style, "ARTIFACT", &fields.artifact_id, eol, &mut out);
    push_field(style, "LEDGER", &fields.ledger_id, eol, &mut out);
    push_field(style, "APPROVER", &fields.approver, eol, &mut out);
    push_field(style, "MACHINE", &fields.machine, eol, &mut out);
    push_field(style, "BODY", &provenance.body_hash.to_string(), eol, &mut out);
    push_field(style, "SIG", &provenance.signature.to_hex(), eol, &mut out);
    style.line(FOOTER, eol, &mut out);
    out
}

/// A block found in a program: where it starts and ends, and what it says.
pub(super) struct Located {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) provenance: Provenance,
}

fn malformed(reason: &'static str) -> ProgramTamper {
    ProgramTamper::MalformedBlock { reason }
}

/// The start of the last header line in the program's last [`WINDOW`] bytes, and its comment style.
fn find_header(gcode: &[u8]) -> Option<(usize, CommentStyle)> {
    let from = gcode.len().saturating_sub(WINDOW);
    let tail = &gcode[from..];
    let mut best: Option<(usize, CommentStyle)> = None;
    for style in [CommentStyle::Parentheses, CommentStyle::Semicolon] {
        let header = format!("{}{HEADER}{}", style.open(), style.close());
        let found = tail
            .windows(header.len())
            .enumerate()
            .rev()
            .find(|(at, w)| *w == header.as_bytes() && (from + at == 0 || gcode[from + at - 1] == b'\n'))
            .map(|(at, _)| from + at);
        if let Some(at) = found {
            if best.is_none_or(|(b, _)| at > b) {
                best = Some((at, style));
            }
        }
    }
    best
}

/// Reads the block's lines into its fields, in order, each tag on one or more lines.
fn parse(text: &str, style: CommentStyle) -> Result<Provenance, ProgramTamper> {
    const TAGS: [&str; 6] = ["ARTIFACT", "LEDGER", "APPROVER", "MACHINE", "BODY", "SIG"];
    let mut values: [String; 6] = Default::default();
    let mut at = 0;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    lines.next(); // the header, matched by the caller
    let mut closed = false;
    for line in lines {
        let inner = line
            .strip_prefix(style.open())
            .and_then(|l| l.strip_suffix(style.close()))
            .ok_or(malformed("a line is not a comment"))?;
        if inner == FOOTER {
            closed = true;
            break;
        }
        let (tag, piece) = inner
            .split_once(' ')
            .ok_or(malformed("a line has no tag and value"))?;
        while at < TAGS.len() && TAGS[at] != tag {
            if values[at].is_empty() {
                return Err(malformed("a field is missing or out of order"));
            }
            at += 1;
        }
        let Some(value) = values.get_mut(at) else {
            return Err(malformed("unknown or repeated tag"));
        };
        value.push_str(piece);
        if value.len() > MAX_FIELD_LEN.max(128) {
            return Err(malformed("a field is too long"));
        }
    }
    if !closed {
        return Err(malformed("no END RMOS PROVENANCE line"));
    }
    if at != TAGS.len() - 1 || values.iter().any(String::is_empty) {
        return Err(malformed("a field is missing"));
    }
    let [artifact_id, ledger_id, approver, machine, body, sig] = values;
    let body_hash: ContentHash = body
        .parse()
        .map_err(|_| malformed("BODY is not a sha256 content address"))?;
    let signature = Signature::from_hex(&sig).map_err(|_| malformed("SIG is not 64 bytes of hex"))?;
    let fields = ProvenanceFields {
        artifact_id,
        ledger_id,
        approver,
        machine,
    };
    check_fields(&fields).map_err(|_| malformed("a field holds characters RMOS never writes"))?;
    Ok(Provenance {
        fields,
        body_hash,
        signature,
    })
}

/// Finds the block at the end of `gcode`, reads it, and checks that it is byte for byte the block RMOS
/// writes for what it says, followed by nothing but an optional `%` line.
pub(super) fn locate(gcode: &[u8]) -> Result<Located, ProgramTamper> {
    let (start, style) = find_header(gcode).ok_or(ProgramTamper::MissingBlock)?;
    let rest = std::str::from_utf8(&gcode[start..]).map_err(|_| malformed("not UTF-8"))?;
    let header_len = style.open().len() + HEADER.len() + style.close().len();
    let eol = if rest[header_len..].starts_with("\r\n") {
        "\r\n"
    } else if rest[header_len..].starts_with('\n') {
        "\n"
    } else {
        return Err(malformed("the header line does not end"));
    };
    let provenance = parse(rest, style)?;
    let rendered = render(&provenance, style, eol);
    if !rest.starts_with(&rendered) {
        return Err(malformed("the block is not as RMOS writes it"));
    }
    let end = start + rendered.len();
    if !matches!(&gcode[end..], b"" | b"%" | b"%\n" | b"%\r\n") {
        return Err(ProgramTamper::TextAfterBlock);
    }
    Ok(Located {
        start,
        end,
        provenance,
    })
}
