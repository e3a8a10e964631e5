//! Fixed-decimal numbers over integers: every value is rounded once to the output grid, then written
//! from the integer. Exact, fast, and `-0.000` cannot be written (an integer zero has no sign).

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Every decimal place: `10.000`, `-0.500`.
    Fixed,
    /// Trailing zeros dropped, whole numbers bare: `10`, `0.5`.
    Trimmed,
    /// Trailing zeros dropped, whole numbers keep their point: `10.`, `0.5` (Fanuc).
    TrimmedPoint,
}

/// Largest scaled magnitude accepted; every integer up to 2^53 is exact in an f64.
const MAX_SCALED: f64 = 9.0e15;

/// `10^decimals` for the few precisions posts use (0 to 6 decimals).
pub(crate) fn scale_of(decimals: u32) -> i64 {
    match decimals {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1_000,
        4 => 10_000,
        5 => 100_000,
        _ => 1_000_000,
    }
}

/// Rounds `value * scale` half away from zero to an integer count of output steps.
///
/// `None` when the value is not finite or the scaled value is beyond ±9e15. Below 2^53 the whole part
/// (a truncating cast) and the remainder are exact, so the rounding is exact without a libm call.
pub(crate) fn quantize(value: f64, scale: i64) -> Option<i64> {
    // Cast is exact: scale is a small power of ten.
    let scaled = value * scale as f64;
    let magnitude = scaled.abs();
    if magnitude.is_nan() || magnitude > MAX_SCALED {
        return None;
    }
    // In range and non-negative: truncation is the floor.
    let whole = magnitude as i64;
    let rounded = if magnitude - whole as f64 >= 0.5 {
        whole + 1
    } else {
        whole
    };
    Some(if scaled < 0.0 { -rounded } else { rounded })
}

/// Whole and fractional parts of `magnitude / 10^decimals`, with constant divisors for 3 and 4 decimals.
fn split(magnitude: u64, decimals: u32) -> (u64, u64) {
    match decimals {
        3 => (magnitude / 1_000, magnitude % 1_000),
        4 => (magnitude / 10_000, magnitude % 10_000),
        d => {
            let unit = scale_of(d).unsigned_abs();
            (magnitude / unit, magnitude % unit)
        }
    }
}

/// Number of decimal digits of `value` (1 for 0).
fn digit_count(mut value: u64) -> u32 {
    let mut count = 1;
    while value >= 10 {
        value /= 10;
        count += 1;
    }
    count
}

/// A number of known length built right to left at the start of a stack buffer, then copied out as a
/// fixed-size block (cheaper than a variable-length copy) and cut to length.
struct Digits {
    buf: [u8; BUF],
    len: usize,
    at: usize,
}

/// At most 20 integer digits, a point, 6 decimals and a sign fit.
const BUF: usize = 32;

impl Digits {
    fn new(len: usize) -> Self {
        Self {
            buf: [b'0'; BUF],
            len: len.min(BUF),
            at: len.min(BUF),
        }
    }

    fn put(&mut self, byte: u8) {
        self.at = self.at.saturating_sub(1);
        if let Some(slot) = self.buf.get_mut(self.at) {
            *slot = byte;
        }
    }

    /// Puts the lowest `count` digits of `value`, leading zeros included.
    fn put_digits(&mut self, mut value: u64, count: u32) {
        for _ in 0..count {
            self.put(b'0' + (value % 10) as u8);
            value /= 10;
        }
    }

    fn write_to(&self, out: &mut Vec<u8>) {
        let end = out.len() + self.len;
        out.extend_from_slice(&self.buf);
        out.truncate(end);
    }
}

/// Writes `steps / 10^decimals` in `style`.
pub(crate) fn write_steps(out: &mut Vec<u8>, steps: i64, decimals: u32, style: Style) {
    let (whole, mut frac) = split(steps.unsigned_abs(), decimals);
    let mut digits = decimals;
    if style != Style::Fixed {
        while digits > 0 && frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
    }
    let point = digits > 0 || style == Style::TrimmedPoint;
    let whole_digits = digit_count(whole);
    let len = usize::from(steps < 0) + whole_digits as usize + usize::from(point) + digits as usize;
    let mut d = Digits::new(len);
    d.put_digits(frac, digits);
    if point {
        d.put(b'.');
    }
    d.put_digits(whole, whole_digits);
    if steps < 0 {
        d.put(b'-');
    }
    d.write_to(out);
}

/// Writes an unsigned integer with at least `min_digits` digits (leading zeros).
pub(crate) fn write_digits(out: &mut Vec<u8>, value: u64, min_digits: u32) {
    let count = digit_count(value).max(min_digits);
    let mut d = Digits::new(count as usize);
    d.put_digits(value, count);
    d.write_to(out);
}

/// `steps / 10^decimals` in `style`, as a string (for header text).
pub(crate) fn steps_text(steps: i64, decimals: u32, style: Style) -> String {
    let mut out = Vec::with_capacity(24);
    write_steps(&mut out, steps, decimals, style);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(value: f64, decimals: u32, style: Style) -> String {
        steps_text(quantize(value, scale_of(decimals)).unwrap(), decimals, style)
    }

    #[test]
    fn fixed_writes_every_decimal() {
        assert_eq!(fmt(10.0, 3, Style::Fixed), "10.000");
        assert_eq!(fmt(-0.5, 3, Style::Fixed), "-0.500");
        assert_eq!(fmt(0.0005, 3, Style::Fixed), "0.001");
        assert_eq!(fmt(123456.789, 3, Style::Fixed), "123456.789");
        assert_eq!(fmt(1.0 / 25.4, 4, Style::Fixed), "0.0394");
        assert_eq!(fmt(0.0, 0, Style::Fixed), "0");
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_scaled_value() {
        assert_eq!(fmt(2.0005, 3, Style::Fixed), "2.001");
        assert_eq!(fmt(-2.0005, 3, Style::Fixed), "-2.001");
        assert_eq!(fmt(0.00049, 3, Style::Fixed), "0.000");
        assert_eq!(fmt(0.12345, 4, Style::Fixed), "0.1235");
        assert_eq!(fmt(-0.12345, 4, Style::Fixed), "-0.1235");
    }

    #[test]
    fn negative_zero_and_tiny_negatives_print_as_zero() {
        assert_eq!(fmt(-0.0, 3, Style::Fixed), "0.000");
        assert_eq!(fmt(-0.0004999, 3, Style::Fixed), "0.000");
        assert_eq!(fmt(-0.00004, 4, Style::Fixed), "0.0000");
        assert_eq!(fmt(-0.0004, 3, Style::TrimmedPoint), "0.");
        assert_eq!(fmt(-0.0004, 3, Style::Trimmed), "0");
        assert_eq!(fmt(-0.0005, 3, Style::Fixed), "-0.001");
    }

    #[test]
    fn trimmed_styles_drop_trailing_zeros() {
        assert_eq!(fmt(10.0, 3, Style::Trimmed), "10");
        assert_eq!(fmt(10.0, 3, Style::TrimmedPoint), "10.");
        assert_eq!(fmt(10.5, 3, Style::TrimmedPoint), "10.5");
        assert_eq!(fmt(-0.25, 3, Style::TrimmedPoint), "-0.25");
        assert_eq!(fmt(0.05, 3, Style::Trimmed), "0.05");
        assert_eq!(fmt(0.001, 3, Style::Trimmed), "0.001");
        assert_eq!(fmt(1000.0 / 25.4, 4, Style::Trimmed), "39.3701");
    }

    #[test]
    fn quantize_refuses_non_finite_and_out_of_range() {
        assert_eq!(quantize(f64::NAN, 1000), None);
        assert_eq!(quantize(f64::INFINITY, 1000), None);
        assert_eq!(quantize(f64::NEG_INFINITY, 1000), None);
        assert_eq!(quantize(9.0e12, 1000), Some(9_000_000_000_000_000));
        assert_eq!(quantize(9.1e12, 1000), None);
        assert_eq!(quantize(-9.1e12, 1000), None);
        // The largest double below one half must not round up (a naive `x + 0.5` does).
        assert_eq!(quantize(0.49999999999999994, 1), Some(0));
        assert_eq!(quantize(-0.49999999999999994, 1), Some(0));
        assert_eq!(quantize(0.5, 1), Some(1));
        assert_eq!(quantize(-0.5, 1), Some(-1));
        assert_eq!(quantize(4503599627370495.5, 1), Some(4503599627370496));
        assert_eq!(quantize(2.5, 1), Some(3));
    }

    #[test]
    fn digits_pad_to_the_minimum() {
        let mut s = Vec::new();
        write_digits(&mut s, 7, 4);
        write_digits(&mut s, 0, 1);
        write_digits(&mut s, u64::MAX, 1);
        assert_eq!(s, b"0007018446744073709551615");
        assert_eq!(steps_text(i64::MIN + 1, 3, Style::Fixed), "-9223372036854775.807");
        assert_eq!(
            steps_text(i64::MAX, 6, Style::TrimmedPoint),
            "9223372036854.775807"
        );
    }

    #[test]
    fn agrees_with_std_formatting_away_from_ties() {
        // Away from exact ties, rounding the scaled value and std's exact decimal rounding agree.
        let mut x = -1234.5678f64;
        while x < 1234.5 {
            let ours = fmt(x, 3, Style::Fixed);
            let std = format!("{x:.3}");
            let std = if std == "-0.000" { "0.000".to_owned() } else { std };
            assert_eq!(ours, std, "{x}");
            x += 0.37131;
        }
    }

    proptest::proptest! {
        #[test]
        fn written_numbers_read_back_within_half_a_step(
            value in -1.0e5..1.0e5f64,
            decimals in 3u32..=4,
            style in proptest::sample::select(vec![Style::Fixed, Style::Trimmed, Style::TrimmedPoint]),
        ) {
            let scale = scale_of(decimals);
            let steps = quantize(value, scale).unwrap();
            let s = steps_text(steps, decimals, style);
            let back: f64 = s.parse().unwrap();
            proptest::prop_assert_eq!(quantize(back, scale), Some(steps), "{}", s);
            proptest::prop_assert!((back - value).abs() <= 0.5 / scale as f64 + 1e-9, "{} {}", value, s);
            proptest::prop_assert!(!(back == 0.0 && s.starts_with('-')), "{}", s);
            if style == Style::Fixed {
                let dot = s.find('.').unwrap();
                proptest::prop_assert_eq!(s.len() - dot - 1, decimals as usize, "{}", s);
            } else {
                proptest::prop_assert!(!s.contains('.') || !s.ends_with('0'), "{}", s);
                proptest::prop_assert_eq!(s.ends_with('.'), style == Style::TrimmedPoint && steps % scale == 0, "{}", s);
            }
        }
    }
}
