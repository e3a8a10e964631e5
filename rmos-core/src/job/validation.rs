//! The checks every section of a job shares, and [`Job::validate`] over the sections; each operation kind
//! checks its own fields ([`OperationKind::validate`](super::OperationKind::validate)).

use std::fmt::Display;

use super::document::Job;
use super::{MAX_OPERATIONS, MAX_POINTS};
use crate::catalog;
use crate::error::InvalidJob;

impl Job {
    /// Checks every field; the first failure names its path.
    pub fn validate(&self) -> Result<(), InvalidJob> {
        let m = &self.machine;
        for (i, v) in m.travel_mm.iter().enumerate() {
            positive(format_args!("machine.travel_mm[{i}]"), *v)?;
        }
        positive("machine.spindle_rpm[0]", m.spindle_rpm[0])?;
        positive("machine.spindle_rpm[1]", m.spindle_rpm[1])?;
        if m.spindle_rpm[0] > m.spindle_rpm[1] {
            return Err(InvalidJob::new("machine.spindle_rpm", "min must be <= max"));
        }
        positive("machine.max_feed_mm_min", m.max_feed_mm_min)?;
        positive("machine.max_plunge_mm_min", m.max_plunge_mm_min)?;
        positive("machine.rapid_mm_min", m.rapid_mm_min)?;

        let s = &self.stock;
        if catalog::material(&s.material).is_none() {
            return Err(InvalidJob::new(
                "stock.material",
                format!("unknown material {:?}", truncate(&s.material)),
            ));
        }
        positive("stock.size_mm[0]", s.size_mm[0])?;
        positive("stock.size_mm[1]", s.size_mm[1])?;
        positive("stock.thickness_mm", s.thickness_mm)?;

        let t = &self.tool;
        positive("tool.diameter_mm", t.diameter_mm)?;
        if t.flutes == 0 {
            return Err(InvalidJob::new("tool.flutes", "must be >= 1"));
        }
        if t.flutes > 16 {
            return Err(InvalidJob::new("tool.flutes", "must be <= 16"));
        }
        positive("tool.flute_length_mm", t.flute_length_mm)?;
        positive("tool.stickout_mm", t.stickout_mm)?;

        let c = &self.cutting;
        positive("cutting.rpm", c.rpm)?;
        positive("cutting.feed_mm_min", c.feed_mm_min)?;
        positive("cutting.plunge_mm_min", c.plunge_mm_min)?;
        positive("cutting.stepdown_mm", c.stepdown_mm)?;
        positive("cutting.stepover", c.stepover)?;
        if c.stepover > 1.0 {
            return Err(InvalidJob::new(
                "cutting.stepover",
                "must be <= 1 (a fraction of the tool diameter)",
            ));
        }
        positive("cutting.safe_z_mm", c.safe_z_mm)?;
        if let Some(p) = c.feed_override_percent {
            positive("cutting.feed_override_percent", p)?;
        }

        if self.operations.is_empty() {
            return Err(InvalidJob::new("operations", "must list at least one operation"));
        }
        if self.operations.len() > MAX_OPERATIONS {
            return Err(InvalidJob::new(
                "operations",
                format!("must list at most {MAX_OPERATIONS} operations"),
            ));
        }
        for (i, op) in self.operations.iter().enumerate() {
            op.validate(i)?;
        }
        Ok(())
    }
}

/// `operations[i].name`, formatted only when a check fails (validation runs on every evaluation).
pub(crate) struct OpField(pub(crate) usize, pub(crate) &'static str);

impl Display for OpField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "operations[{}].{}", self.0, self.1)
    }
}

pub(crate) fn finite(path: impl Display, v: f64) -> Result<(), InvalidJob> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be a finite number"))
    }
}

pub(crate) fn positive(path: impl Display, v: f64) -> Result<(), InvalidJob> {
    finite(&path, v)?;
    if v > 0.0 {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be > 0"))
    }
}

pub(crate) fn non_negative(path: impl Display, v: f64) -> Result<(), InvalidJob> {
    finite(&path, v)?;
    if v >= 0.0 {
        Ok(())
    } else {
        Err(InvalidJob::new(path.to_string(), "must be >= 0"))
    }
}

pub(crate) fn point(path: impl Display, p: &[f64; 2]) -> Result<(), InvalidJob> {
    finite(format_args!("{path}[0]"), p[0])?;
    finite(format_args!("{path}[1]"), p[1])
}

pub(crate) fn points(path: impl Display, pts: &[[f64; 2]], min: usize) -> Result<(), InvalidJob> {
    if pts.len() < min {
        return Err(InvalidJob::new(
            path.to_string(),
            format!("must hold at least {min} points"),
        ));
    }
    if pts.len() > MAX_POINTS {
        return Err(InvalidJob::new(
            path.to_string(),
            format!("must hold at most {MAX_POINTS} points"),
        ));
    }
    for (i, p) in pts.iter().enumerate() {
        point(format_args!("{path}[{i}]"), p)?;
    }
    Ok(())
}

pub(crate) fn count(path: impl Display, v: u32, min: u32, max: u32) -> Result<(), InvalidJob> {
    if v < min {
        Err(InvalidJob::new(path.to_string(), format!("must be >= {min}")))
    } else if v > max {
        Err(InvalidJob::new(path.to_string(), format!("must be <= {max}")))
    } else {
        Ok(())
    }
}

pub(crate) fn truncate(s: &str) -> String {
    s.chars().take(64).collect()
}
