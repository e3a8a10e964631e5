//! Signed programs: the provenance block a machine-side sender checks, placed and shaped for each dialect,
//! and refused on any edited byte, a missing block, a wrong key or another ledger.

use proptest::prelude::*;
use rmos_core::content::ContentHash;
use rmos_core::keys::SigningKey;
use rmos_core::provenance::{
    sign_program, verify_program, verify_program_bytes, verify_program_in, CommentStyle, ProgramTamper,
    Provenance, ProvenanceError, ProvenanceFields,
};

const LEDGER: &str = "rmos.example/ledger/shop-1";

fn key() -> SigningKey {
    SigningKey::from_seed([21; 32])
}

fn fields() -> ProvenanceFields {
    ProvenanceFields {
        artifact_id: format!("sha256:{}", "4e".repeat(32)),
        ledger_id: LEDGER.into(),
        approver: "human:luthier".into(),
        machine: "shapeoko-4".into(),
    }
}

const GRBL: &str =
    "G21 G90 G17\nG0 Z5.000\nM3 S18000\nG1 Z-1.000 F300\nG1 X40.000 F1200\nG0 Z5.000\nM5\nM30\n";
const FANUC: &str = "%\nO1001\nG21 G90\nT1 M06\nG43 H01\nS18000 M03\nG00 Z5.\nG01 Z-1. F300.\nM30\n%\n";

#[test]
fn a_signed_grbl_program_verifies_and_says_what_released_it() {
    let program = sign_program(GRBL, &fields(), &key(), CommentStyle::Parentheses).unwrap();
    assert!(program.starts_with(GRBL));
    let block = &program[GRBL.len()..];
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines[0], "(RMOS PROVENANCE V1)");
    let id = fields().artifact_id;
    assert_eq!(lines[1], format!("(ARTIFACT {})", &id[..64]));
    assert_eq!(lines[2], format!("(ARTIFACT {})", &id[64..]));
    assert_eq!(lines[3], format!("(LEDGER {LEDGER})"));
    assert_eq!(lines[4], "(APPROVER human:luthier)");
    assert_eq!(lines[5], "(MACHINE shapeoko-4)");
    assert_eq!(
        lines[6],
        format!("(BODY sha256:{})", &ContentHash::of(GRBL.as_bytes()).hex()[..57])
    );
    assert_eq!(
        lines[7],
        format!("(BODY {})", &ContentHash::of(GRBL.as_bytes()).hex()[57..])
    );
    assert!(lines[8].starts_with("(SIG ") && lines[9].starts_with("(SIG "));
    assert_eq!(lines[10], "(END RMOS PROVENANCE)");
    assert_eq!(lines.len(), 11);
    assert!(program.lines().all(|l| l.len() <= 80));

    let provenance = verify_program(&program, &key().public_key()).unwrap();
    assert_eq!(provenance.fields, fields());
    assert_eq!(provenance.body_hash, ContentHash::of(GRBL.as_bytes()));
    // The signature is the ledger key's over the statement, so a detached signer can make it too.
    let statement = Provenance::statement(&fields(), &provenance.body_hash);
    assert_eq!(provenance.signature, key().sign(&statement));
    assert!(String::from_utf8(statement)
        .unwrap()
        .starts_with("rmos-provenance-v1\nartifact=sha256:4e4e"));
    assert_eq!(
        verify_program_in(&program, &key().public_key(), LEDGER).unwrap(),
        provenance
    );
}

#[test]
fn a_tape_program_keeps_its_final_percent_line_last() {
    let program = sign_program(FANUC, &fields(), &key(), CommentStyle::Parentheses).unwrap();
    assert!(program.starts_with("%\nO1001\n"));
    assert!(program.ends_with("(END RMOS PROVENANCE)\n%\n"));
    let provenance = verify_program(&program, &key().public_key()).unwrap();
    // The body is the program without its block: the final `%` line is part of it.
    assert_eq!(provenance.body_hash, ContentHash::of(FANUC.as_bytes()));
    let without_end = program.strip_suffix("%\n").unwrap();
    assert!(matches!(
        verify_program(without_end, &key().public_key()),
        Err(ProgramTamper::BodyEdited { .. })
    ));
    for tail in ["%", "%\r\n"] {
        let body = format!("{}{tail}", FANUC.strip_suffix("%\n").unwrap());
        let program = sign_program(&body, &fields(), &key(), CommentStyle::Parentheses).unwrap();
        assert!(program.ends_with(&format!("PROVENANCE)\n{tail}").replace(")\n%\r\n", ")\r\n%\r\n")));
        assert!(verify_program(&program, &key().public_key()).is_ok());
    }
}

#[test]
fn semicolon_comments_and_crlf_programs_round_trip() {
    let program = sign_program(GRBL, &fields(), &key(), CommentStyle::Semicolon).unwrap();
    assert!(program[GRBL.len()..].starts_with("; RMOS PROVENANCE V1\n; ARTIFACT sha256:"));
    assert!(program.ends_with("; END RMOS PROVENANCE\n"));
    assert!(verify_program(&program, &key().public_key()).is_ok());
    let crlf = GRBL.replace('\n', "\r\n");
    let program = sign_program(&crlf, &fields(), &key(), CommentStyle::Parentheses).unwrap();
    assert!(program.ends_with("(END RMOS PROVENANCE)\r\n"));
    assert!(!program[crlf.len()..].replace("\r\n", "").contains('\n'));
    assert!(verify_program(&program, &key().public_key()).is_ok());
    // A body without a final line break gets one, and it is part of the signed body.
    let program = sign_program("G0 Z5\nM30", &fields(), &key(), CommentStyle::Parentheses).unwrap();
    assert!(program.starts_with("G0 Z5\nM30\n(RMOS PROVENANCE V1)\n"));
    let provenance = verify_program(&program, &key().public_key()).unwrap();
    assert_eq!(provenance.body_hash, ContentHash::of(b"G0 Z5\nM30\n"));
}

#[test]
fn long_fields_continue_on_lines_of_at_most_80_columns() {
    let mut long = fields();
    long.machine = "m".repeat(200);
    long.ledger_id = format!("rmos.example/{}", "l".repeat(180));
    let program = sign_program(GRBL, &long, &key(), CommentStyle::Parentheses).unwrap();
    assert!(program.lines().all(|l| l.len() <= 80), "{program}");
    assert_eq!(program.matches("(MACHINE ").count(), 4);
    assert_eq!(
        verify_program(&program, &key().public_key()).unwrap().fields,
        long
    );
}

#[test]
fn every_single_byte_edit_of_a_signed_program_is_refused() {
    for (body, style) in [
        (GRBL, CommentStyle::Parentheses),
        (FANUC, CommentStyle::Parentheses),
        (GRBL, CommentStyle::Semicolon),
    ] {
        let program = sign_program(body, &fields(), &key(), style).unwrap().into_bytes();
        let public = key().public_key();
        assert!(verify_program_bytes(&program, &public).is_ok());
        for at in 0..program.len() {
            for replacement in [b'0', b'A', b'\n', b' ', b')', 0xff, program[at] ^ 0x20] {
                if replacement == program[at] {
                    continue;
                }
                let mut edited = program.clone();
                edited[at] = replacement;
                assert!(
                    verify_program_bytes(&edited, &public).is_err(),
                    "edit at byte {at} to {replacement:#x} accepted"
                );
            }
        }
    }
}

#[test]
fn a_missing_block_wrong_key_other_ledger_and_swapped_body_are_typed() {
    let public = key().public_key();
    assert_eq!(verify_program(GRBL, &public), Err(ProgramTamper::MissingBlock));
    let program = sign_program(GRBL, &fields(), &key(), CommentStyle::Parentheses).unwrap();
    let stranger = SigningKey::from_seed([22; 32]).public_key();
    assert_eq!(
        verify_program(&program, &stranger),
        Err(ProgramTamper::BadSignature {
            public_key: stranger.to_hex()
        })
    );
    assert_eq!(
        verify_program_in(&program, &public, "rmos.example/ledger/shop-2"),
        Err(ProgramTamper::OtherLedger {
            expected: "rmos.example/ledger/shop-2".into(),
            found: LEDGER.into(),
        })
    );
    // A through-cut put in place of the released body, the block kept.
    let swapped = program.replace("G1 Z-1.000 F300", "G1 Z-40.00 F300");
    assert_eq!(
        verify_program(&swapped, &public),
        Err(ProgramTamper::BodyEdited {
            signed: ContentHash::of(GRBL.as_bytes()),
            found: ContentHash::of(GRBL.replace("Z-1.000", "Z-40.00").as_bytes()),
        })
    );
    // The approver rewritten in the block: the signature no longer verifies.
    let renamed = program.replace("(APPROVER human:luthier)", "(APPROVER human:lutheir)");
    assert!(matches!(
        verify_program(&renamed, &public),
        Err(ProgramTamper::BadSignature { .. })
    ));
    // Moves after the block.
    let extended = format!("{program}G0 X0\n");
    assert_eq!(
        verify_program(&extended, &public),
        Err(ProgramTamper::TextAfterBlock)
    );
    // A block with a field dropped.
    let dropped = program.replace("(MACHINE shapeoko-4)\n", "");
    assert!(matches!(
        verify_program(&dropped, &public),
        Err(ProgramTamper::MalformedBlock { .. })
    ));
}

/// A field name, an edit that breaks it, and the reason given.
type Case = (&'static str, fn(&mut ProvenanceFields), &'static str);

#[test]
fn fields_that_cannot_sit_in_a_comment_are_refused_by_name() {
    let cases: [Case; 5] = [
        (
            "machine",
            |f| f.machine = "Shapeoko 4".into(),
            "only printable ASCII without spaces, parentheses, ';' or '%'",
        ),
        (
            "approver",
            |f| f.approver = "a(b)".into(),
            "only printable ASCII without spaces, parentheses, ';' or '%'",
        ),
        ("ledger_id", |f| f.ledger_id = String::new(), "empty"),
        (
            "artifact_id",
            |f| f.artifact_id = "x".repeat(201),
            "longer than 200 characters",
        ),
        (
            "machine",
            |f| f.machine = "caf\u{e9}".into(),
            "only printable ASCII without spaces, parentheses, ';' or '%'",
        ),
    ];
    for (field, edit, reason) in cases {
        let mut f = fields();
        edit(&mut f);
        assert_eq!(
            sign_program(GRBL, &f, &key(), CommentStyle::Parentheses),
            Err(ProvenanceError::InvalidField { field, reason })
        );
    }
    let program = sign_program(GRBL, &fields(), &key(), CommentStyle::Parentheses).unwrap();
    assert_eq!(
        sign_program(&program, &fields(), &key(), CommentStyle::Parentheses),
        Err(ProvenanceError::AlreadySigned)
    );
}

fn program_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..500, 0u32..500).prop_map(|(x, y)| format!("G1 X{x}.{y:03} Y{y}.5 F900")),
        (0u32..50).prop_map(|z| format!("G0 Z{z}.000")),
        Just("M3 S18000".to_owned()),
        "[A-Z][0-9]{1,3}( [A-Z]-?[0-9]{1,4}\\.[0-9]{1,3}){0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_random_single_byte_edit_anywhere_is_detected(
        lines in prop::collection::vec(program_line(), 1..60),
        tape in any::<bool>(),
        semicolon in any::<bool>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut body = lines.join("\n");
        body.push('\n');
        if tape {
            body = format!("%\n{body}%\n");
        }
        let style = if semicolon { CommentStyle::Semicolon } else { CommentStyle::Parentheses };
        let program = sign_program(&body, &fields(), &key(), style).unwrap().into_bytes();
        let public = key().public_key();
        prop_assert!(verify_program_bytes(&program, &public).is_ok());
        let at = at.index(program.len());
        prop_assume!(program[at] != byte);
        let mut edited = program.clone();
        edited[at] = byte;
        prop_assert!(verify_program_bytes(&edited, &public).is_err());
    }
}
