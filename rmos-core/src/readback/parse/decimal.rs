//! Short decimals read exactly, without the general float parser.

/// Powers of ten that are exact in an `f64`.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// The value of a short decimal (sign, digits, one point) when it can be computed exactly: at most 15
/// digits make a mantissa below 2^53 and a point at most 22 places in makes an exact power of ten, so
/// one division rounds correctly and gives what `str::parse` gives. `None` sends the text to `parse`.
pub(super) fn exact_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction: Option<usize> = None;
    for &b in digits {
        if b == b'.' {
            fraction = Some(0);
            continue;
        }
        if count == 15 {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
        count += 1;
        if let Some(f) = fraction.as_mut() {
            *f += 1;
        }
    }
    let scale = EXACT_POWERS_OF_TEN.get(fraction.unwrap_or(0))?;
    // A mantissa of at most 15 digits is below 2^53: the conversion is exact.
    let value = mantissa as f64 / scale;
    Some(if negative { -value } else { value })
}
