//! Numbers in the form of ECMAScript `Number::toString` (RFC 8785 section 3.2.2.3).
#![allow(
    clippy::indexing_slicing,
    reason = "digit buffers are indexed within the lengths the formatter computed; tests/content_canonical_jcs.rs checks every output against serde_json_canonicalizer"
)]

use std::fmt::Write as _;

/// 2^53: every integer of smaller magnitude is an exact IEEE 754 double.
const EXACT_INTEGER_LIMIT: u64 = 1 << 53;

/// Writes a double as ECMAScript prints it. Non-finite values cannot be JSON; they are written as `null`,
/// as `serde_json` does.
pub(super) fn write_f64(out: &mut Vec<u8>, x: f64) {
    if !x.is_finite() {
        out.extend_from_slice(b"null");
        return;
    }
    if x == 0.0 {
        // Covers -0 too: ECMAScript prints both zeros as "0".
        out.push(b'0');
        return;
    }
    let magnitude = x.abs();
    if magnitude < EXACT_INTEGER_LIMIT as f64 && x.fract() == 0.0 {
        // Exact integers print as their digits; the cast is exact below 2^53.
        if x < 0.0 {
            out.push(b'-');
        }
        write_u64_digits(out, magnitude as u64);
        return;
    }
    let mut shortest = StackText::default();
    // `{:e}` gives the fewest digits that read back as the same double, and of those the closest; that
    // is ECMAScript's choice too, except when two are equally close, where ECMAScript takes the even one.
    if write!(shortest, "{magnitude:e}").is_err() {
        // Unreachable: a finite double's shortest form is at most 23 characters.
        out.extend_from_slice(b"null");
        return;
    }
    if x < 0.0 {
        out.push(b'-');
    }
    let k = shortest
        .as_bytes()
        .iter()
        .take_while(|&&b| b != b'e')
        .filter(|b| b.is_ascii_digit())
        .count();
    if may_tie(magnitude, k) {
        // Rust's fixed-precision form rounds exactly, half to even: with k digits it is the closest
        // k-digit decimal, and the even one of two; it is ECMAScript's choice whenever it reads back.
        let mut even = StackText::default();
        let fits = write!(even, "{magnitude:.prec$e}", prec = k.saturating_sub(1)).is_ok();
        let reads_back = std::str::from_utf8(even.as_bytes())
            .ok()
            .and_then(|t| t.parse::<f64>().ok());
        if fits && reads_back == Some(magnitude) {
            lay_out(out, even.as_bytes());
            return;
        }
    }
    lay_out(out, shortest.as_bytes());
}

/// Whether `x` (positive, finite, not an integer below 2^53) lies exactly halfway between two decimals of
/// `k` significant digits, the only case where the closest shortest digits are not unique.
///
/// `x = m × 2^-j` with `m` odd is `m × 5^j / 10^j` exactly, with as many significant digits as `m × 5^j`
/// (odd, so no trailing zeros). A tie needs exactly `k + 1` of them (at most 18), ending in 5.
fn may_tie(x: f64, k: usize) -> bool {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if m == 0 {
        return false;
    }
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e += i64::from(zeros);
    if e >= 0 {
        // An integer of 2^53 or more: `x = m × 2^e` with `m` odd. Its exact digits end in 5 only as
        // `x = d × 10^e` with `d` ending in 5, so the two `k`-digit neighbours lie `5 × 10^e` away, more
        // than half of x's ulp (at most 2^(e-1)): neither reads back as `x`, so no tie can be the
        // shortest form.
        return false;
    }
    let j = e.unsigned_abs();
    // 5^26 > 10^18: more than 18 significant digits, no tie at 17 or fewer.
    if j >= 26 {
        return false;
    }
    let exact = u128::from(m) * 5u128.pow(j as u32);
    exact % 10 == 5 && exact.checked_ilog10().map(|d| d as usize + 1) == Some(k + 1)
}

/// Writes an integer as ECMAScript prints the double nearest to it: exact below 2^53 in magnitude.
pub(super) fn write_i128(out: &mut Vec<u8>, v: i128) {
    if v.unsigned_abs() <= u128::from(EXACT_INTEGER_LIMIT) {
        if v < 0 {
            out.push(b'-');
        }
        // The magnitude is at most 2^53 here, so it fits a u64.
        write_u64_digits(out, u64::try_from(v.unsigned_abs()).unwrap_or(0));
    } else {
        write_f64(out, v as f64);
    }
}

/// Writes the decimal digits of `v`.
fn write_u64_digits(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Lays out Rust's `d.ddde±x` shortest form per ECMAScript: `k` significant digits, decimal exponent `n`.
fn lay_out(out: &mut Vec<u8>, text: &[u8]) {
    let (mantissa, exponent) = match text.iter().position(|&b| b == b'e') {
        Some(at) => text.split_at(at),
        None => (text, &b"e0"[..]),
    };
    let mut digits = [0u8; 24];
    let mut k = 0usize;
    for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        if let Some(slot) = digits.get_mut(k) {
            *slot = b;
            k += 1;
        }
    }
    let digits = &digits[..k];
    let e = parse_exponent(exponent.get(1..).unwrap_or_default());
    // value = 0.d1d2...dk × 10^n
    let n = e + 1;
    let k_i = k as i64;
    if k_i <= n && n <= 21 {
        out.extend_from_slice(digits);
        out.extend(std::iter::repeat_n(b'0', (n - k_i) as usize));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        out.extend_from_slice(int);
        out.push(b'.');
        out.extend_from_slice(frac);
    } else if -6 < n && n <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-n) as usize));
        out.extend_from_slice(digits);
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.extend_from_slice(first);
        if !rest.is_empty() {
            out.push(b'.');
            out.extend_from_slice(rest);
        }
        out.push(b'e');
        out.push(if n - 1 < 0 { b'-' } else { b'+' });
        write_u64_digits(out, (n - 1).unsigned_abs());
    }
}

/// The exponent digits of Rust's `{:e}` form (`-7`, `21`).
fn parse_exponent(text: &[u8]) -> i64 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let magnitude = digits
        .iter()
        .filter(|b| b.is_ascii_digit())
        .fold(0i64, |acc, &b| acc * 10 + i64::from(b - b'0'));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// A fixed buffer for one formatted double, so formatting a number allocates nothing.
#[derive(Default)]
struct StackText {
    buf: [u8; 32],
    len: usize,
}

impl StackText {
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let slot = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(x: f64) -> String {
        let mut out = Vec::new();
        write_f64(&mut out, x);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn layout_boundaries() {
        assert_eq!(show(1e20), "100000000000000000000");
        assert_eq!(show(1e21), "1e+21");
        assert_eq!(show(123e18), "123000000000000000000");
        assert_eq!(show(1.5e21), "1.5e+21");
        assert_eq!(show(1e-6), "0.000001");
        assert_eq!(show(1.5e-6), "0.0000015");
        assert_eq!(show(1e-7), "1e-7");
        assert_eq!(show(-1.25e-7), "-1.25e-7");
        assert_eq!(show(0.5), "0.5");
        assert_eq!(show(-0.0), "0");
        assert_eq!(show(f64::NAN), "null");
    }

    #[test]
    fn ties_go_to_the_even_digit() {
        // 1424953923781206.25: 1424953923781206.2 and .3 are equally close; ECMAScript takes .2.
        let quarter = |n: u64| n as f64 / 4.0;
        assert!(may_tie(quarter(5_699_815_695_124_825), 17));
        assert_eq!(show(quarter(5_699_815_695_124_825)), "1424953923781206.2");
        assert_eq!(show(quarter(5_699_815_695_124_827)), "1424953923781206.8");
        assert!(!may_tie(0.1, 1));
        assert!(!may_tie(0.25, 2));
        assert!(!may_tie(5e-324, 1));
    }

    #[test]
    fn integers_round_to_doubles_beyond_2_pow_53() {
        let show_int = |v: i128| {
            let mut out = Vec::new();
            write_i128(&mut out, v);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(show_int(9_007_199_254_740_992), "9007199254740992");
        assert_eq!(show_int(-9_007_199_254_740_992), "-9007199254740992");
        assert_eq!(show_int(9_007_199_254_740_993), "9007199254740992");
        assert_eq!(show_int(i128::from(u64::MAX)), "18446744073709552000");
        assert_eq!(show_int(0), "0");
        assert_eq!(show_int(-7), "-7");
    }
}
