//! Holding tabs: bridges of stock the last passes leave so that a cut-out part stays put.
//!
//! A tab is a trapezoid along the tool path: the tool lifts straight up to the tab top where the tab
//! starts, runs level for [`TAB_LENGTH_MM`] plus the tool diameter (leaving a bridge of
//! [`TAB_LENGTH_MM`] between the cut's ends), then ramps back down at [`RAMP_ANGLE_DEG`] so that it never
//! re-enters stock steeper than an entry ramp. The tab's thickness is a third of the cut's depth, at
//! most [`TAB_THICKNESS_MAX_MM`]. Every pass that goes below the tab top keeps the tab; passes above it
//! never see it (with a few passes that is the last one or two only: a tab cut away by an earlier pass
//! would hold nothing).

use super::depth_profile::{DepthProfile, TabShape};
use super::{PlanFailure, RAMP_ANGLE_DEG, TAB_LENGTH_MM, TAB_THICKNESS_MAX_MM};

/// Tabs for one cut: how many, where their top is and how long they are along the tool path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tabs {
    count: u32,
    /// Z of the tab top.
    top: f64,
    /// Z of the cut's floor, where the tab's ramp ends.
    floor: f64,
    /// Level length along the tool path, mm.
    level_mm: f64,
    /// Length of the ramp back down to the floor, mm.
    flank_mm: f64,
}

impl Tabs {
    /// Tabs for a cut `depth` mm deep with a `tool_d` mm tool; `None` for no tabs.
    pub(crate) fn new(count: u32, depth: f64, tool_d: f64) -> Option<Self> {
        if count == 0 {
            return None;
        }
        let thickness = (depth / 3.0).min(TAB_THICKNESS_MAX_MM);
        Some(Self {
            count,
            top: -depth + thickness,
            floor: -depth,
            level_mm: TAB_LENGTH_MM + tool_d,
            flank_mm: thickness / RAMP_ANGLE_DEG.to_radians().tan(),
        })
    }

    /// Z of the tab top.
    #[cfg(test)]
    pub(crate) fn top(&self) -> f64 {
        self.top
    }

    /// Fails when the tabs and their ramps do not fit on a path `path_mm` long.
    pub(crate) fn check_fit(&self, path_mm: f64) -> Result<(), PlanFailure> {
        let needed_mm = f64::from(self.count) * (self.level_mm + self.flank_mm);
        if needed_mm >= path_mm {
            return Err(PlanFailure::TabsDoNotFit {
                tabs: self.count,
                path_mm,
                needed_mm,
            });
        }
        Ok(())
    }

    /// Where tab `j` starts on a path `path_mm` long: tabs are spaced equally, the first centred half
    /// a spacing from the path's start.
    pub(crate) fn start_of(&self, j: u32, path_mm: f64) -> f64 {
        let spacing = path_mm / f64::from(self.count);
        (f64::from(j) + 0.5) * spacing - self.level_mm / 2.0
    }

    /// Raises `profile`, a walk starting `s0` mm along a path `path_mm` long, over every tab it passes.
    pub(crate) fn apply(&self, profile: &mut DepthProfile, path_mm: f64, s0: f64) {
        if path_mm <= 0.0 {
            return;
        }
        let distance = profile.distance();
        let slope = RAMP_ANGLE_DEG.to_radians().tan();
        let tab_len = self.level_mm + self.flank_mm;
        // Laps of the path the walk touches, with one lap either side for tabs that straddle its ends.
        let first_lap = ((s0 - tab_len) / path_mm).floor() - 1.0;
        let last_lap = ((s0 + distance) / path_mm).ceil() + 1.0;
        let mut lap = first_lap;
        while lap <= last_lap {
            for j in 0..self.count {
                let start = self.start_of(j, path_mm) + lap * path_mm - s0;
                let end_level = start + self.level_mm;
                profile.raise(&TabShape {
                    start,
                    end_level,
                    end: end_level + self.flank_mm,
                    top: self.top,
                    floor: self.floor,
                    slope,
                });
            }
            lap += 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thickness_is_a_third_of_the_depth_up_to_the_cap() {
        let t = Tabs::new(4, 3.0, 1.5).unwrap();
        assert_eq!(t.top(), -2.0);
        let thick = Tabs::new(4, 30.0, 6.0).unwrap();
        assert_eq!(thick.top(), -30.0 + TAB_THICKNESS_MAX_MM);
        assert!(Tabs::new(0, 3.0, 1.5).is_none());
    }

    #[test]
    fn tabs_are_spaced_equally_and_must_fit() {
        let t = Tabs::new(4, 3.0, 2.0).unwrap();
        // level 6 mm; centres at 12.5, 37.5, 62.5, 87.5 on a 100 mm path.
        assert_eq!(t.start_of(0, 100.0), 9.5);
        assert_eq!(t.start_of(3, 100.0), 84.5);
        let flank = 1.0 / RAMP_ANGLE_DEG.to_radians().tan();
        let needed = 4.0 * (6.0 + flank);
        assert!(t.check_fit(needed + 0.001).is_ok());
        assert_eq!(
            t.check_fit(needed),
            Err(PlanFailure::TabsDoNotFit {
                tabs: 4,
                path_mm: needed,
                needed_mm: needed
            })
        );
    }

    #[test]
    fn a_level_pass_lifts_over_each_tab_once() {
        let t = Tabs::new(2, 3.0, 2.0).unwrap();
        let mut p = DepthProfile::level(-3.0, 200.0);
        t.apply(&mut p, 200.0, 0.0);
        // Tab starts at 50 - 3 = 47 and 150 - 3 = 147.
        assert_eq!(p.left(47.0), -3.0);
        assert_eq!(p.right(47.0), -2.0);
        assert_eq!(p.left(147.0), -3.0);
        assert_eq!(p.right(147.0), -2.0);
        assert_eq!(p.left(53.0), -2.0);
        assert_eq!(p.left(100.0), -3.0);
        assert_eq!(p.lowest(), -3.0);
        // Started half-way round, the same tabs are met at shifted distances.
        let mut q = DepthProfile::level(-3.0, 200.0);
        t.apply(&mut q, 200.0, 100.0);
        assert_eq!(q.right(47.0), -2.0);
        assert_eq!(q.right(147.0), -2.0);
    }

    #[test]
    fn passes_above_the_tab_top_are_unchanged() {
        let t = Tabs::new(3, 3.0, 2.0).unwrap();
        let mut p = DepthProfile::ramp(-1.0, -1.5, 5.0, 105.0);
        let before = p.clone();
        t.apply(&mut p, 100.0, 0.0);
        for x in [0.0, 5.0, 30.0, 60.0, 104.0] {
            assert_eq!(p.left(x), before.left(x));
        }
    }
}
