//! What an evaluation returns: findings, buckets and the report.

use serde::{Deserialize, Serialize};

/// Risk bucket. Ordered: `Green < Yellow < Red`; a report takes its worst finding's bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Bucket {
    /// Safe to run as planned.
    Green,
    /// Runs only with a human's written override.
    Yellow,
    /// Never runs unless a policy explicitly allows RED overrides.
    Red,
}

impl Bucket {
    /// `"GREEN"`, `"YELLOW"` or `"RED"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "GREEN",
            Self::Yellow => "YELLOW",
            Self::Red => "RED",
        }
    }
}

impl std::fmt::Display for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule code (`F012`, `CHIPLOAD_HIGH`, ...).
    pub code: String,
    /// How serious it is.
    pub bucket: Bucket,
    /// What is wrong, with the numbers, lower-case.
    pub message: String,
    /// The measured value, when the rule measures one.
    pub value: Option<f64>,
    /// The limit it was held against, when there is one.
    pub limit: Option<f64>,
    /// Index of the operation the finding is about; `None` for the job as a whole.
    pub operation: Option<usize>,
}

impl Finding {
    /// A finding about the job as a whole; the engine sets [`Finding::operation`]. Non-finite numbers are
    /// dropped (`None`) so a report always serialises to plain JSON numbers.
    pub(crate) fn new(
        code: &str,
        bucket: Bucket,
        message: String,
        value: Option<f64>,
        limit: Option<f64>,
    ) -> Self {
        Self {
            code: code.to_owned(),
            bucket,
            message,
            value: value.filter(|v| v.is_finite()),
            limit: limit.filter(|v| v.is_finite()),
            operation: None,
        }
    }
}

/// A number for a finding's message: rounded to four decimals (one from 100 up, eight under 0.001) and
/// printed in its shortest form (`3.01`, `1.5875`, `0.0417`, `18000`), straight into the message.
pub(crate) fn num(v: f64) -> Num {
    Num(v)
}

/// See [`num`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        let a = v.abs();
        let scale = if a >= 100.0 {
            10.0
        } else if a >= 0.001 {
            1e4
        } else {
            1e8
        };
        // Past 1e15 every float is an integer: rounding could only overflow.
        let rounded = if a < 1e15 { (v * scale).round() / scale } else { v };
        if rounded == 0.0 {
            f.write_str("0")
        } else if a < 1e9 {
            // `rounded` is the float nearest k / scale for a whole k of at most 1e10, so its shortest
            // form is those digits with the point placed and trailing zeros dropped: written directly.
            fixed((v * scale).round(), scale, f)
        } else {
            std::fmt::Display::fmt(&rounded, f)
        }
    }
}

/// `k / scale` in decimal for a whole, non-zero `k` of at most 1e10 and `scale` 10, 1e4 or 1e8: sign, digits,
/// and the fraction without trailing zeros.
fn fixed(k: f64, scale: f64, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    let places: u32 = if scale == 10.0 {
        1
    } else if scale == 1e4 {
        4
    } else {
        8
    };
    // Whole and at most 1e10 (see the caller), so the conversion is exact.
    let n = k.abs() as u64;
    let unit = 10u64.pow(places);
    let mut frac = n % unit;
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    let mut push = |d: u8| {
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            *slot = d;
        }
    };
    if frac != 0 {
        let mut digits = places;
        while frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        for _ in 0..digits {
            push(b'0' + (frac % 10) as u8);
            frac /= 10;
        }
        push(b'.');
    }
    let mut whole = n / unit;
    loop {
        push(b'0' + (whole % 10) as u8);
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    if k < 0.0 {
        push(b'-');
    }
    match buf.get(at..).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(text) => f.write_str(text),
        None => std::fmt::Display::fmt(&(k / scale), f),
    }
}

/// Estimates computed alongside the rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Estimates {
    /// Estimated cycle time, seconds.
    pub cycle_time_s: f64,
    /// Estimated material removed, mm³.
    pub material_removed_mm3: f64,
}

/// The result of evaluating a job: always computed by RMOS (invariant S1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeasibilityReport {
    /// The worst finding's bucket (GREEN when there are none).
    pub bucket: Bucket,
    /// 0–100, 100 with no findings; never rises when a finding is added.
    pub score: f64,
    /// Findings in the documented rule order, operation by operation.
    pub findings: Vec<Finding>,
    /// Cycle time and material removed.
    pub estimates: Estimates,
    /// Engine stamp, `rmos.feasibility/<semver>`.
    pub engine: String,
    /// True when the job document carried client feasibility keys that were dropped.
    pub client_feasibility_ignored: bool,
}

impl FeasibilityReport {
    /// Codes of the findings, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.code.as_str()).collect()
    }

    /// The number of findings in `bucket`.
    pub fn count(&self, bucket: Bucket) -> usize {
        self.findings.iter().filter(|f| f.bucket == bucket).count()
    }

    /// True when the bucket is not RED (the classic "export allowed").
    pub fn export_allowed(&self) -> bool {
        self.bucket != Bucket::Red
    }
}

#[cfg(test)]
mod tests {
    use super::num;
    use proptest::prelude::*;

    /// The message form by its definition: rounded, then the float's own shortest form.
    fn by_definition(v: f64) -> String {
        let a = v.abs();
        let scale = if a >= 100.0 {
            10.0
        } else if a >= 0.001 {
            1e4
        } else {
            1e8
        };
        let rounded = if a < 1e15 { (v * scale).round() / scale } else { v };
        if rounded == 0.0 {
            "0".to_owned()
        } else {
            rounded.to_string()
        }
    }

    #[test]
    fn numbers_print_in_their_shortest_rounded_form() {
        for (v, text) in [
            (3.01, "3.01"),
            (1.5875, "1.5875"),
            (0.041_666, "0.0417"),
            (18_000.0, "18000"),
            (-2.5, "-2.5"),
            (99.999_96, "100"),
            (123.45, "123.5"),
            (0.000_123_456, "0.00012346"),
            (-0.000_000_001, "0"),
            (1e9, "1000000000"),
            (999_999_999.96, "1000000000"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(num(v).to_string(), text, "{v}");
        }
    }

    proptest! {
        #[test]
        fn the_direct_form_is_the_floats_own(
            v in prop_oneof![-1e10..1e10f64, -200.0..200.0f64, -0.01..0.01f64, any::<f64>()]
        ) {
            prop_assert_eq!(num(v).to_string(), by_definition(v));
        }
    }
}
