//! Which words the reader understands, and which words each controller dialect accepts.
//!
//! The reader understands the common subset of the dialects in `spec/gcode.md`. A word outside it is an
//! `RB_FORBIDDEN_WORD` finding for every dialect: subprogram calls (M98/M99), coordinate changes (G10,
//! G92), homing moves (G28/G30), macro syntax, cutter compensation (G41/G42: the tool then runs off the
//! programmed path by an offset the reader cannot see), inverse-time and per-revolution feeds (G93, G95),
//! rotary or extra axes, and any G or M code the reader does not know. The dialect rules then remove what
//! a controller would reject.

use crate::feasibility::Bucket;
use crate::posts::Post;

use super::codes;
use super::parse::{Block, Word};

/// Longest line GRBL accepts, in significant characters: its line buffer holds 80 bytes including the
/// terminator, so the 80th character overflows it (`protocol.c`, `LINE_BUFFER_SIZE`).
pub const GRBL_MAX_LINE_CHARS: usize = 79;

/// Longest line any other dialect is held to, in significant characters (LinuxCNC's `LINELEN` is 255).
pub const MAX_LINE_CHARS: usize = 255;

/// A G or M number in tenths (`G90.1` → 901), when it is a non-negative multiple of 0.1 below 10 000.
pub(crate) fn tenths(value: f64) -> Option<u32> {
    let scaled = value * 10.0;
    let rounded = scaled.round();
    if !(0.0..100_000.0).contains(&rounded) || (scaled - rounded).abs() > 1e-6 {
        return None;
    }
    // In range and whole: the cast is exact.
    Some(rounded as u32)
}

/// Prints a code in tenths as written (`901` → `90.1`, `10` → `1`).
pub(crate) fn code_text(letter: char, tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        format!("{letter}{}", tenths / 10)
    } else {
        format!("{letter}{}.{}", tenths / 10, tenths % 10)
    }
}

/// The modal group of a G code the reader understands (RS274/NGC groups), or `None` for one it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum GGroup {
    /// G4, G53: non-modal.
    NonModal,
    /// G0-G3, G73, G80-G89.
    Motion,
    /// G17-G19.
    Plane,
    /// G20, G21.
    Units,
    /// G40.
    CutterComp,
    /// G43, G49.
    ToolLength,
    /// G54-G59.
    CoordSystem,
    /// G61, G64.
    PathControl,
    /// G90, G91.
    Distance,
    /// G90.1, G91.1.
    ArcDistance,
    /// G94.
    FeedMode,
    /// G98, G99.
    CycleReturn,
    /// G10, G28, G28.1, G30, G30.1, G92, G92.1-G92.3: read only to know that the position is lost.
    Forbidden,
}

/// The group of a G code (in tenths), or `None` when the reader does not know it.
pub(crate) fn g_group(code: u32) -> Option<GGroup> {
    Some(match code {
        40 | 530 => GGroup::NonModal,
        0 | 10 | 20 | 30 | 730 | 800 | 810 | 820 | 830 | 850 | 860 | 890 => GGroup::Motion,
        170 | 180 | 190 => GGroup::Plane,
        200 | 210 => GGroup::Units,
        400 => GGroup::CutterComp,
        430 | 490 => GGroup::ToolLength,
        540 | 550 | 560 | 570 | 580 | 590 => GGroup::CoordSystem,
        610 | 640 => GGroup::PathControl,
        900 | 910 => GGroup::Distance,
        901 | 911 => GGroup::ArcDistance,
        940 => GGroup::FeedMode,
        980 | 990 => GGroup::CycleReturn,
        100 | 280 | 281 | 300 | 301 | 920 | 921 | 922 | 923 => GGroup::Forbidden,
        _ => return None,
    })
}

/// The modal group of an M code the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MGroup {
    /// M0, M1, M2, M30.
    Stop,
    /// M6.
    ToolChange,
    /// M3, M4, M5.
    Spindle,
    /// M7, M8, M9 (LinuxCNC allows M7 with M8; the reader does too).
    Coolant,
    /// M98, M99: read only to know that the position is lost.
    Forbidden,
}

/// The group of an M code (in tenths), or `None` when the reader does not know it.
pub(crate) fn m_group(code: u32) -> Option<MGroup> {
    Some(match code {
        0 | 10 | 20 | 300 => MGroup::Stop,
        60 => MGroup::ToolChange,
        30 | 40 | 50 => MGroup::Spindle,
        70 | 80 | 90 => MGroup::Coolant,
        980 | 990 => MGroup::Forbidden,
        _ => return None,
    })
}

/// A word a dialect does not accept, with how serious it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rejection {
    pub code: &'static str,
    pub bucket: Bucket,
    pub reason: String,
}

fn red(reason: impl Into<String>) -> Option<Rejection> {
    Some(Rejection {
        code: codes::RB_FORBIDDEN_WORD,
        bucket: Bucket::Red,
        reason: reason.into(),
    })
}

/// Why one word of `block` is not allowed, for `post` (`None`: the dialect-neutral rules only).
/// `first_block` is true for the first block that holds any word.
pub(crate) fn reject_word(
    word: &Word,
    block: &Block,
    post: Option<Post>,
    first_block: bool,
) -> Option<Rejection> {
    let dialect = post.map_or("any dialect", Post::id);
    let Some(value) = word.value.number() else {
        // Macro-valued words are reported once per line as macro use.
        return None;
    };
    match word.letter {
        'G' => reject_g(value, post),
        'M' => reject_m(value, post),
        'O' => {
            let fanuc_number = matches!(post, None | Some(Post::Fanuc)) && first_block;
            if fanuc_number {
                None
            } else if post == Some(Post::Fanuc) || post.is_none() {
                red("an O word after the program number: subprograms are not allowed")
            } else {
                red(format!("O words are subprogram words in {dialect}: not allowed"))
            }
        }
        'Q' if post == Some(Post::Grbl) => red("Q words (peck depth) are not accepted by grbl"),
        'P' if post == Some(Post::Grbl) && !has_dwell(block) => red("grbl reads P only with G4 dwell"),
        'X' | 'Y' | 'Z' | 'I' | 'J' | 'K' | 'R' | 'Q' if post == Some(Post::Fanuc) && !word.decimal_point => {
            red(format!(
                "fanuc-style controls read a number without a decimal point in least increments \
                 ({}{value} would be {:.3} mm): write {}{value}.",
                word.letter,
                value / 1000.0,
                word.letter
            ))
        }
        'L' if post == Some(Post::Grbl) => red("L words (cycle repeats) are not accepted by grbl"),
        'H' if post == Some(Post::Grbl) => red("H words (tool length offsets) are not accepted by grbl"),
        'X' | 'Y' | 'Z' | 'I' | 'J' | 'K' | 'R' | 'F' | 'S' | 'T' | 'P' | 'Q' | 'L' | 'N' | 'H' => None,
        'D' => red("D words (cutter compensation offsets) are not read"),
        'A' | 'B' | 'C' | 'U' | 'V' | 'W' => red(format!(
            "{} words move an axis the reader does not track (3-axis machines only)",
            word.letter
        )),
        other => red(format!("{other} words are not read")),
    }
}

fn reject_g(value: f64, post: Option<Post>) -> Option<Rejection> {
    let Some(code) = tenths(value) else {
        return red("not a G code");
    };
    match (code, g_group(code)) {
        (100 | 920..=923, _) => red("changes coordinate offsets: not allowed"),
        (280 | 281 | 300 | 301, _) => red("moves through a stored home position: not allowed"),
        (930, _) => red("inverse-time feeds are not read (feeds must be units per minute)"),
        (950, _) => red("feeds per revolution are not read (feeds must be units per minute)"),
        (410 | 411 | 420 | 421, _) => {
            red("cutter compensation moves the tool off the programmed path: not allowed")
        }
        (_, None) => red("not a G code the reader knows"),
        (_, Some(_)) if post == Some(Post::Grbl) => match code {
            730 | 810..=890 | 980 | 990 => red("grbl has no canned cycles (expand drilling to G0/G1)"),
            901 => red("grbl takes arc centres as incremental I/J only"),
            430 => red("grbl has no tool length offset table"),
            640 => red("grbl accepts G61 only"),
            _ => None,
        },
        (901, _) if post == Some(Post::Fanuc) => {
            red("fanuc-style controls take arc centres as incremental I/J/K only")
        }
        (_, Some(_)) => None,
    }
}

fn reject_m(value: f64, post: Option<Post>) -> Option<Rejection> {
    let Some(code) = tenths(value) else {
        return red("not an M code");
    };
    match (code, m_group(code)) {
        (980 | 990, _) => red("calls or returns from a subprogram: not allowed"),
        (_, None) => red("not an M code the reader knows"),
        (60, _) if post == Some(Post::Grbl) => red("grbl rejects tool changes"),
        (70, _) if post == Some(Post::Grbl) => Some(Rejection {
            code: codes::RB_FORBIDDEN_WORD,
            bucket: Bucket::Yellow,
            reason: "grbl accepts mist coolant only when compiled in".to_owned(),
        }),
        _ => None,
    }
}

fn has_dwell(block: &Block) -> bool {
    block
        .words
        .iter()
        .any(|w| w.letter == 'G' && w.value.number().and_then(tenths) == Some(40))
}

/// Line-level rules of a dialect: tape marks, comment style and line length.
pub(crate) fn reject_line(block: &Block, post: Option<Post>) -> Vec<Rejection> {
    let mut out = Vec::new();
    let dialect = post.map_or("any dialect", Post::id);
    if block.percent && post == Some(Post::Grbl) {
        out.extend(red("'%' lines are not accepted by grbl"));
    }
    if block.semicolon_comment && matches!(post, Some(Post::Mach3 | Post::Fanuc)) {
        out.extend(red(format!("';' comments are not accepted by {dialect}")));
    }
    let limit = if post == Some(Post::Grbl) {
        GRBL_MAX_LINE_CHARS
    } else {
        MAX_LINE_CHARS
    };
    if block.significant_chars > limit {
        out.push(Rejection {
            code: codes::RB_LINE_LENGTH,
            bucket: Bucket::Red,
            reason: format!(
                "{} characters without comments and spaces, over the {limit} {dialect} accepts",
                block.significant_chars
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readback::parse::parse_line;

    fn rejects(text: &str, post: Option<Post>, first_block: bool) -> Option<Rejection> {
        let block = parse_line(1, text);
        reject_word(&block.words[0], &block, post, first_block)
    }

    #[test]
    fn tenths_of_codes() {
        assert_eq!(tenths(90.1), Some(901));
        assert_eq!(tenths(1.0), Some(10));
        assert_eq!(tenths(1.05), None);
        assert_eq!(tenths(-1.0), None);
        assert_eq!(tenths(1e9), None);
        assert_eq!(code_text('G', 901), "G90.1");
        assert_eq!(code_text('M', 30), "M3");
    }

    #[test]
    fn universal_and_dialect_words() {
        assert!(rejects("M98", None, false).is_some());
        assert!(rejects("G28", Some(Post::LinuxCnc), false).is_some());
        assert!(rejects("G83", Some(Post::LinuxCnc), false).is_none());
        assert!(rejects("G83", Some(Post::Grbl), false).is_some());
        assert!(rejects("Q1", Some(Post::Grbl), false).is_some());
        assert!(rejects("Q1.", Some(Post::Fanuc), false).is_none());
        assert!(rejects("O1000", Some(Post::Fanuc), true).is_none());
        assert!(rejects("O1000", Some(Post::Fanuc), false).is_some());
        assert!(rejects("O1000", Some(Post::LinuxCnc), true).is_some());
        let m7 = rejects("M7", Some(Post::Grbl), false).map(|r| r.bucket);
        assert_eq!(m7, Some(Bucket::Yellow));
        assert!(rejects("A10", None, false).is_some());
        assert!(rejects("G38.2", None, false).is_some());
        assert!(rejects("P1 G4", Some(Post::Grbl), false).is_none());
        assert!(rejects("P1 G2 X1 I1", Some(Post::Grbl), false).is_some());
        assert!(rejects("X10.", Some(Post::Fanuc), false).is_none());
        assert!(rejects("X10.5", Some(Post::Fanuc), false).is_none());
        let bare = rejects("X10", Some(Post::Fanuc), false).unwrap();
        assert!(
            bare.reason.contains("X10 would be 0.010 mm): write X10."),
            "{}",
            bare.reason
        );
        assert!(rejects("X10", Some(Post::Mach3), false).is_none());
        assert!(rejects("G90.1", Some(Post::Fanuc), false).is_some());
        assert!(rejects("G90.1", Some(Post::Mach3), false).is_none());
    }
}
