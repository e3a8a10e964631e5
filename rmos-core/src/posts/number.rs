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
/// `None` when the value is not finite or the scaled value is beyond ±9e15.
pub(crate) fn quantize(value: f64, scale: i64) -> Option<i64> {
    // Cast is exact: scale is a small power of ten.
    let scaled = (value * scale as f64).round();
    if scaled.is_finite() && scaled.abs() <= MAX_SCALED {
        // In range and integral: the cast is exact.
        Some(scaled as i64)
    } else {
        None
    }
}

/// Writes `steps / 10^decimals` in `style`.
pub(crate) fn write_steps(out: &mut String, steps: i64, decimals: u32, style: Style) {
    if steps < 0 {
        out.push('-');
    }
    let magnitude = steps.unsigned_abs();
    let unit = scale_of(decimals).unsigned_abs();
    write_digits(out, magnitude / unit, 1);
    let mut frac = magnitude % unit;
    match style {
        Style::Fixed => {
            if decimals > 0 {
                out.push('.');
                write_digits(out, frac, decimals);
            }
        }
        Style::Trimmed | Style::TrimmedPoint => {
            if frac == 0 {
                if style == Style::TrimmedPoint {
                    out.push('.');
                }
            } else {
                let mut digits = decimals;
                while frac % 10 == 0 {
                    frac /= 10;
                    digits -= 1;
                }
                out.push('.');
                write_digits(out, frac, digits);
            }
        }
    }
}

/// Writes an unsigned integer with at least `min_digits` digits (leading zeros).
pub(crate) fn write_digits(out: &mut String, mut value: u64, min_digits: u32) {
    let mut buf = [b'0'; 20];
    let mut len = 0usize;
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
        len += 1;
        if value == 0 && len >= min_digits as usize {
            break;
        }
    }
    for &b in buf.iter().skip(buf.len() - len) {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(value: f64, decimals: u32, style: Style) -> String {
        let mut s = String::new();
        let steps = quantize(value, scale_of(decimals)).unwrap();
        write_steps(&mut s, steps, decimals, style);
        s
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
    }

    #[test]
    fn digits_pad_to_the_minimum() {
        let mut s = String::new();
        write_digits(&mut s, 7, 4);
        write_digits(&mut s, 0, 1);
        write_digits(&mut s, u64::MAX, 1);
        assert_eq!(s, "0007018446744073709551615");
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
            let mut s = String::new();
            write_steps(&mut s, steps, decimals, style);
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
