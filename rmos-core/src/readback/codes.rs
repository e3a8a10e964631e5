//! Codes of read-back findings. Each finding's message begins with `line N:` when one line of the program
//! is at fault; `ReadbackReport::lines` gives the same number as data.
//!
//! The depth and envelope rules report an excursion on the line where it starts or goes further, not again
//! on every move that stays out or comes back from it.
//!
//! Geometric comparisons allow [`TOLERANCE_MM`](super::TOLERANCE_MM), and feed comparisons
//! [`FEED_TOLERANCE`](super::FEED_TOLERANCE), so that numbers rounded on output (4-decimal inches)
//! do not fire a rule that the planned motion meets.

/// RED. A line that cannot be read (with its column), or a program over
/// [`MAX_PROGRAM_BYTES`](super::MAX_PROGRAM_BYTES).
pub const RB_PARSE: &str = "RB_PARSE";

/// RED (YELLOW for M7 on GRBL). A word the reader or the dialect does not allow: M98/M99, G10, G28/G30,
/// G92, cutter compensation, inverse-time or per-revolution feeds, rotary axes, unknown G and M codes,
/// O words (but a Fanuc program number on the first block), macro syntax (`#` parameters, `[ ]`
/// expressions, `IF`/`GOTO`/`WHILE`), and each dialect's own rejections (GRBL: `%`, M6, G73/G81-G89,
/// G98/G99, Q, L and H words, P outside a G4 dwell, G90.1, G43, G64; Mach3 and Fanuc: `;` comments;
/// LinuxCNC and Mach3: O words; Fanuc: X/Y/Z/I/J/K/R/Q numbers without a decimal point, which the
/// control reads in least increments, and G90.1; LinuxCNC and Fanuc: a `%` that opens the file without
/// one that closes it).
pub const RB_FORBIDDEN_WORD: &str = "RB_FORBIDDEN_WORD";

/// RED. A line longer than the controller's line buffer, counted without comments and whitespace
/// (GRBL 79, others 255).
pub const RB_LINE_LENGTH: &str = "RB_LINE_LENGTH";

/// RED. A block a controller rejects or reads in a way the program cannot mean: two codes of one modal
/// group, a word twice, axis words with no motion mode, a negative S, a canned cycle without R or Z, with
/// its bottom above R, outside G17, a peck cycle without a positive Q, an L that is not 1 to 1000.
pub const RB_MODAL: &str = "RB_MODAL";

/// RED. A move before any G20/G21: the controller's units are left from whatever ran before.
pub const RB_UNITS: &str = "RB_UNITS";

/// RED. An arc a controller rejects or that runs away: end radius differing from start radius by more
/// than 0.005 mm and by more than 0.5 mm or 0.1 % (GRBL's rule), a radius over 10 m, a zero radius, an R
/// that cannot reach the end point, an R arc ending at its start, no centre words, an offset word off the
/// plane (K on a G17 arc, J on G18, I on G19), no end point in the plane, or an arc from an unknown
/// position.
pub const RB_ARC_INVALID: &str = "RB_ARC_INVALID";

/// YELLOW. A G53 move: machine coordinates the reader cannot place in the job's frame; the position of
/// the axes it names is unknown afterwards.
pub const RB_MACHINE_COORDS: &str = "RB_MACHINE_COORDS";

/// RED. A point reached (end points, arc extremes, canned-cycle depths) outside the machine: X outside
/// 0..travel X, Y outside 0..travel Y, or Z above the top of the Z stroke. The stroke is taken to run up
/// from the table, which is the stock's underside: Z ≤ travel Z − stock thickness. Below the table is
/// `RB_THROUGH_STOCK`.
pub const RB_ENVELOPE: &str = "RB_ENVELOPE";

/// RED. A point below the deepest approved operation depth (Z < −max depth).
pub const RB_TOO_DEEP: &str = "RB_TOO_DEEP";

/// RED. A point below the stock's underside (Z < −thickness): a cut into the spoilboard or table.
pub const RB_THROUGH_STOCK: &str = "RB_THROUGH_STOCK";

/// RED. A rapid (G0, or a canned cycle's rapid) below the safe plane: any rapid ending below Z 0; any
/// rapid with XY motion that starts or ends below safe Z, or starts where Z is not yet known. A rapid that
/// moves only in Z and ends between Z 0 and safe Z is the feature's own approach and is allowed, and so is
/// a rapid straight down a hole the program has just fed into at that XY, ending no lower than the depth
/// fed there (a peck's re-approach, written as G0 where the dialect has no canned cycle).
pub const RB_RAPID_LOW: &str = "RB_RAPID_LOW";

/// RED. A feed move, arc or drilling cycle while the spindle is not turning: before any M3/M4, after M5
/// or a program end, or with S0.
pub const RB_SPINDLE_OFF: &str = "RB_SPINDLE_OFF";

/// RED. A feed move, arc or drilling cycle with no F programmed, or F ≤ 0.
pub const RB_FEED_ZERO: &str = "RB_FEED_ZERO";

/// RED above the machine's `max_feed_mm_min` (any feed move) or `max_plunge_mm_min` (the downward Z rate
/// of a feed move, arc or drilling feed); YELLOW above the material's roughing feed or plunge feed. A
/// descent within `TOLERANCE_MM` is rounding, not a plunge, and a ramp's descent counts less that much.
pub const RB_FEED_LIMIT: &str = "RB_FEED_LIMIT";

/// RED. No M2 or M30: the spindle and coolant are left on when the program runs out.
pub const RB_NO_END: &str = "RB_NO_END";

/// Every code, in the order findings of one line are produced.
pub const ALL: [&str; 15] = [
    RB_PARSE,
    RB_FORBIDDEN_WORD,
    RB_LINE_LENGTH,
    RB_MODAL,
    RB_UNITS,
    RB_ARC_INVALID,
    RB_MACHINE_COORDS,
    RB_ENVELOPE,
    RB_TOO_DEEP,
    RB_THROUGH_STOCK,
    RB_RAPID_LOW,
    RB_SPINDLE_OFF,
    RB_FEED_ZERO,
    RB_FEED_LIMIT,
    RB_NO_END,
];

/// Builds a finding; a line number, when given, opens the message as `line N: `.
pub(crate) fn finding(
    code: &str,
    bucket: crate::feasibility::Bucket,
    line: Option<usize>,
    message: impl std::fmt::Display,
    value: Option<f64>,
    limit: Option<f64>,
) -> crate::feasibility::Finding {
    let message = match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_string(),
    };
    crate::feasibility::Finding {
        code: code.to_owned(),
        bucket,
        message,
        value,
        limit,
        operation: None,
    }
}
