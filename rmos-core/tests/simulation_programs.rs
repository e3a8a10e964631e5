//! RMOS's own released programs, simulated over their stock, cut exactly the geometry of their operations
//! within one cell: every cell whose centre lies a cell inside an operation's region is at the
//! operation's depth, and every cell whose centre lies a cell outside every region is untouched.

mod simulation_support;

use rmos_core::job::fret_position_mm;
use rmos_core::posts::Post;
use rmos_core::simulation::{simulate, sweeps_from_moves, Limits};
use rmos_core::simulation::{HeightField, SimulationReport};
use rmos_core::toolpaths::{RAMP_ANGLE_DEG, TAB_LENGTH_MM};
use simulation_support::{cutter, example, release_program, simulate_release, stock, sweeps};

const CELL: f64 = 0.1;

/// Signed distance from `p` to a rectangle with rounded corners (negative inside).
fn rounded_rect(p: [f64; 2], corner: [f64; 2], size: [f64; 2], r: f64) -> f64 {
    let half = [size[0] / 2.0, size[1] / 2.0];
    let q = [
        (p[0] - corner[0] - half[0]).abs() - (half[0] - r),
        (p[1] - corner[1] - half[1]).abs() - (half[1] - r),
    ];
    let outside = q[0].max(0.0).hypot(q[1].max(0.0));
    outside + q[0].max(q[1]).min(0.0) - r
}

/// Distance from `p` to the segment `a`–`b`.
fn to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let l2 = d[0] * d[0] + d[1] * d[1];
    let t = (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / l2).clamp(0.0, 1.0);
    (p[0] - a[0] - t * d[0]).hypot(p[1] - a[1] - t * d[1])
}

/// One operation's region as a signed distance (negative inside) and the heights it cuts to, µm: one
/// height for a floor, a range where tabs stand on it.
struct Region<'a> {
    distance: Box<dyn Fn([f64; 2]) -> f64 + 'a>,
    height_um: i32,
    deepest_um: i32,
}

/// Every cell: a cell inside no region grown by a cell is untouched; a cell a cell inside a region is at
/// most that region's height and at least the deepest height of the regions whose grown band holds it;
/// a cell a cell inside exactly one region's grown band is at that region's height.
fn assert_geometry(field: &HeightField, regions: &[Region]) -> [usize; 2] {
    let (mut inside, mut outside) = (0, 0);
    for j in 0..field.ny() {
        for i in 0..field.nx() {
            let p = field.center_mm(i, j);
            let h = field.height_um(i, j).unwrap();
            let near: Vec<&Region> = regions.iter().filter(|r| (r.distance)(p) <= CELL).collect();
            if near.is_empty() {
                assert_eq!(h, 0, "cell at {p:?} lies outside every region");
                outside += 1;
                continue;
            }
            let deepest = near.iter().map(|r| r.deepest_um).min().unwrap();
            assert!(h >= deepest, "cell at {p:?} at {h} µm, below {deepest} µm");
            for r in &near {
                if (r.distance)(p) <= -CELL {
                    assert!(
                        h <= r.height_um,
                        "cell at {p:?} at {h} µm, above {} µm",
                        r.height_um
                    );
                    if near.len() == 1 && r.deepest_um == r.height_um {
                        assert_eq!(h, r.height_um, "cell at {p:?}");
                    }
                    inside += 1;
                }
            }
        }
    }
    [inside, outside]
}

fn region<'a>(distance: impl Fn([f64; 2]) -> f64 + 'a, depth_mm: f64) -> Region<'a> {
    let height_um = (-depth_mm * 1000.0).round() as i32;
    Region {
        distance: Box::new(distance),
        height_um,
        deepest_um: height_um,
    }
}

fn cut_area(report: &SimulationReport) -> usize {
    report.field.heights().iter().filter(|&&h| h < 0).count()
}

#[test]
fn rect_pockets_cut_their_rounded_outline_to_their_depth() {
    let job = example("maple_neck_truss_rod");
    for post in [Post::Grbl, Post::LinuxCnc] {
        let report = simulate_release(&job, post, CELL);
        let regions = [
            region(|p| rounded_rect(p, [100.0, 36.825], [460.0, 6.35], 3.175), 9.5),
            region(|p| rounded_rect(p, [60.0, 33.0], [40.0, 14.0], 3.175), 12.0),
        ];
        let [inside, outside] = assert_geometry(&report.field, &regions);
        // 460 × 6.35 and 40 × 14 mm, less a cell round each outline and the rounded corners.
        assert!(
            inside > 300_000 && outside > 5_000_000,
            "{post}: {inside} {outside}"
        );
        let floor = report.field.heights().iter().filter(|&&h| h == -12_000).count();
        assert!(floor > 50_000, "{post}: {floor} cells on the 12 mm floor");
        assert!(report.findings.is_empty());
    }
}

#[test]
fn guitar_top_cuts_the_rosette_channel_and_the_soundhole_ring_with_four_tabs() {
    let job = example("guitar_top");
    let report = simulate_release(&job, Post::Grbl, CELL);
    let c = [280.0, 210.0];
    let radius = |p: [f64; 2]| (p[0] - c[0]).hypot(p[1] - c[1]);
    let tool = job.tool.diameter_mm;
    // Two rings split the 53 to 60 mm annulus into three equal bands: channels 0.9 deep at 53 to 55.33
    // and 57.67 to 60 mm, a wall of top wood between. The soundhole's cut: a tool-wide ring inside the
    // 100 mm circle, through the 3 mm top except under the tabs (checked below).
    let w = 7.0 / 3.0;
    let ring = |from: f64| move |p: [f64; 2]| (radius(p) - (from + w / 2.0)).abs() - w / 2.0;
    let regions = [
        region(ring(53.0), 0.9),
        region(ring(53.0 + 2.0 * w), 0.9),
        Region {
            deepest_um: -3000,
            ..region(|p| (radius(p) - (50.0 - tool / 2.0)).abs() - tool / 2.0, 2.0)
        },
    ];
    let [inside, outside] = assert_geometry(&report.field, &regions);
    // Each channel ring is 2π·r·w ≈ 800 mm² (80 000 cells) less a cell at each wall.
    assert!(inside > 2 * 65_000 && outside > 23_000_000, "{inside} {outside}");
    let channel = report.field.heights().iter().filter(|&&h| h == -900).count();
    assert!(
        (150_000..190_000).contains(&channel),
        "{channel} cells at the channel's floor"
    );
    let mut tab_angles = Vec::new();
    let mut through = 0;
    for j in 0..report.field.ny() {
        for i in 0..report.field.nx() {
            let p = report.field.center_mm(i, j);
            let r = radius(p);
            if r > 50.0 - tool + CELL && r < 50.0 - CELL {
                let h = report.field.height_um(i, j).unwrap();
                if h == -3000 {
                    through += 1;
                } else {
                    // Tabs: 1 mm thick bridges, their flanks ramping down to the underside.
                    assert!((-3000..=-2000).contains(&h), "cell at {p:?} at {h} µm");
                    tab_angles.push((p[1] - c[1]).atan2(p[0] - c[0]).to_degrees());
                }
            }
        }
    }
    tab_angles.sort_by(f64::total_cmp);
    let gaps = tab_angles.windows(2).filter(|w| w[1] - w[0] > 10.0).count();
    let wraps = tab_angles.first().unwrap() + 360.0 - tab_angles.last().unwrap() > 10.0;
    assert_eq!(
        gaps + usize::from(wraps),
        4,
        "tab cells fall in four groups round the ring"
    );
    // Each tab stands over its bridge and the ramp back down: 4 mm plus 1 mm / tan 5° of the tool path's
    // 2π·49.21 mm, a fifth of the ring.
    let per_tab = TAB_LENGTH_MM + 1.0 / RAMP_ANGLE_DEG.to_radians().tan();
    let expected = 4.0 * per_tab / (std::f64::consts::TAU * (50.0 - tool / 2.0));
    let share = tab_angles.len() as f64 / (tab_angles.len() + through) as f64;
    assert!(
        (share - expected).abs() < 0.01,
        "{share} of the ring under tabs, {expected} planned"
    );
}

#[test]
fn fret_slots_cut_a_kerf_wide_slot_at_every_fret_position() {
    let job = example("fretboard");
    let report = simulate_release(&job, Post::Grbl, CELL);
    let (nut, width, kerf) = ([10.0, 40.0], 56.0, 0.6);
    let slots: Vec<Region> = (1..=20)
        .map(|n| {
            let x = nut[0] + fret_position_mm(647.7, n);
            let (a, b) = ([x, nut[1] - width / 2.0], [x, nut[1] + width / 2.0]);
            region(move |p| to_segment(p, a, b) - kerf / 2.0, 1.8)
        })
        .collect();
    let [inside, outside] = assert_geometry(&report.field, &slots);
    assert!(inside > 20 * 500, "{inside}");
    assert!(outside > 4_000_000);
    let cut = cut_area(&report);
    assert!(cut >= inside && cut < 20 * 6 * 570, "{cut} cells cut");
}

#[test]
fn the_planners_moves_and_the_program_read_back_simulate_to_the_same_surface() {
    let job = example("guitar_top");
    let program = release_program(&job, Post::LinuxCnc);
    let planned = sweeps_from_moves(program.toolpath().moves());
    let read = sweeps(program.gcode());
    let run = |s: &[_]| simulate(&stock(&job), CELL, &cutter(&job), s, &Limits::default()).unwrap();
    let (a, b) = (run(&planned), run(&read));
    let cut = cut_area(&a);
    let differ = a
        .field
        .heights()
        .iter()
        .zip(b.field.heights())
        .filter(|(x, y)| x != y)
        .count();
    // The program rounds coordinates to 1 µm: only cells on a boundary may fall the other way.
    assert!(
        cut > 200_000 && differ * 200 < cut,
        "{differ} of {cut} cut cells differ"
    );
    assert!((a.removed_mm3() - b.removed_mm3()).abs() < 1e-3 * a.removed_mm3());
}
