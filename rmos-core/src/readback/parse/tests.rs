//! The block parser's own tests: words, comments, tape marks, macros, column errors, exact decimals.

use super::decimal::exact_decimal;
use super::*;

fn letters(b: &Block) -> String {
    b.words.iter().map(|w| w.letter).collect()
}

fn number(b: &Block, letter: char) -> Option<f64> {
    b.words
        .iter()
        .find(|w| w.letter == letter)
        .and_then(|w| w.value.number())
}

#[test]
fn words_numbers_and_case() {
    let b = parse_line(1, "g01x-1.5Y+.25 z3. F 1 2 0 0");
    assert_eq!(letters(&b), "GXYZF");
    assert_eq!(number(&b, 'G'), Some(1.0));
    assert_eq!(number(&b, 'X'), Some(-1.5));
    assert_eq!(number(&b, 'Y'), Some(0.25));
    assert_eq!(number(&b, 'Z'), Some(3.0));
    assert_eq!(number(&b, 'F'), Some(1200.0));
    assert_eq!(b.significant_chars, 21);
    assert!(b.error.is_none());
}

#[test]
fn comments_are_dropped_and_counted_out() {
    let b = parse_line(1, "G0 (rapid (no nesting) X5 ; tail");
    assert_eq!(letters(&b), "GX");
    assert!(b.semicolon_comment);
    assert_eq!(b.significant_chars, 4);
    let unterminated = parse_line(4, "G1 X1 (oops");
    assert_eq!(unterminated.error.as_ref().map(|e| e.column), Some(7));
    assert!(unterminated.words.is_empty());
}

#[test]
fn tape_marks_and_block_delete() {
    assert!(parse_line(1, " % ").percent);
    assert!(parse_line(1, "%G0").error.is_some());
    let b = parse_line(1, "/G0 X1");
    assert!(b.block_delete);
    assert_eq!(letters(&b), "GX");
    assert!(parse_line(1, "G0 /X1").error.is_some());
}

#[test]
fn macro_syntax_is_recorded_not_evaluated() {
    let assign = parse_line(1, "#1=[#2+3] G0 X1");
    assert_eq!(assign.macros[0].kind, MacroKind::Assignment);
    assert!(assign.words.is_empty());
    let param = parse_line(1, "G1 X#1 Y[1+2]");
    assert_eq!(letters(&param), "GXY");
    assert_eq!(param.words[1].value, Value::Expression);
    let kinds: Vec<_> = param.macros.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MacroKind::Parameter, MacroKind::Expression]);
    let fanuc = parse_line(1, "IF[#1GT5]GOTO10");
    assert_eq!(fanuc.macros[0].kind, MacroKind::Keyword);
    let oword = parse_line(1, "o100 sub");
    assert_eq!(letters(&oword), "O");
    assert_eq!(oword.macros[0].kind, MacroKind::Keyword);
    let named = parse_line(1, "o<drill> call [1]");
    assert_eq!(named.words[0].value, Value::Expression);
    assert!(parse_line(1, "G1 X[1+2").error.is_some());
}

#[test]
fn errors_name_the_column() {
    let b = parse_line(1, "G1 X1 $5");
    assert_eq!(
        b.error,
        Some(ParseError {
            column: 7,
            reason: "unexpected character '$'".to_owned()
        })
    );
    assert_eq!(letters(&b), "GX");
    assert!(parse_line(1, "G1 X").error.is_some());
    assert!(parse_line(1, "G1 X-").error.is_some());
    assert!(parse_line(1, "GX1").error.is_some());
    assert!(parse_line(1, "X1é").error.is_some());
    let long = format!("X{}", "9".repeat(40));
    assert!(parse_line(1, &long).error.is_some());
    assert!(parse_line(1, "X1..2").error.is_some());
}

#[test]
fn short_decimals_read_exactly_as_parse_reads_them() {
    for text in [
        "0",
        "-0.5",
        "+.25",
        "12.345",
        "5.",
        "0.1",
        "123456789012345",
        "-99.999",
        ".000000000000001",
    ] {
        assert_eq!(exact_decimal(text.as_bytes()), text.parse::<f64>().ok(), "{text}");
    }
    assert_eq!(exact_decimal(b"1234567890123456"), None);
    let b = parse_line(1, "X1234567890.123456789");
    assert_eq!(
        b.words[0].value,
        Value::Number("1234567890.123456789".parse().unwrap())
    );
}

proptest::proptest! {
    #[test]
    fn the_exact_path_agrees_with_parse(text in "[+-]?[0-9]{0,12}\\.?[0-9]{0,12}") {
        if let (Some(fast), Ok(slow)) = (exact_decimal(text.as_bytes()), text.parse::<f64>()) {
            proptest::prop_assert_eq!(fast.to_bits(), slow.to_bits(), "{}", text);
        }
    }
}

#[test]
fn line_ends() {
    let b: Vec<_> = blocks("A\n\nB\r\n").map(|b| b.line).collect();
    assert_eq!(b, [1, 2, 3]);
    assert_eq!(blocks("").count(), 1);
    assert_eq!(blocks("\n").count(), 1);
}
