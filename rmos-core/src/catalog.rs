//! The built-in catalog: materials with the properties the feasibility rules need, and tool kinds.
//!
//! Material ids are stable: hosts store them in job documents.

use serde::{Deserialize, Serialize};

/// How hard a material cuts, as the classic F-rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hardness {
    /// Softwoods, basswood, MDF.
    Soft,
    /// Mahogany, walnut, alder.
    Medium,
    /// Maple, rosewood.
    Hard,
    /// Ebony and other very dense woods.
    VeryHard,
    /// Metals and stone-like materials.
    Extreme,
    /// Nothing is known about the material.
    Unknown,
}

impl Hardness {
    /// True for hard, very-hard and extreme: the F-rules' "hard set".
    pub fn is_hard_set(self) -> bool {
        matches!(self, Self::Hard | Self::VeryHard | Self::Extreme)
    }

    /// Parses the scenario spelling (`medium-hard` counts as hard); anything unknown is [`Hardness::Unknown`].
    pub fn from_scenario(text: &str) -> Self {
        match text {
            "soft" => Self::Soft,
            "medium" => Self::Medium,
            "medium-hard" | "hard" => Self::Hard,
            "very-hard" => Self::VeryHard,
            "extreme" => Self::Extreme,
            _ => Self::Unknown,
        }
    }
}

/// A stock material and the cutting figures the rules check against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    /// Stable id used in job documents (`stock.material`).
    pub id: &'static str,
    /// Human-readable name.
    pub name: &'static str,
    /// Hardness class.
    pub hardness: Hardness,
    /// Density in kg/m³.
    pub density_kg_m3: f64,
    /// Resin or oil that gums a small cutter without coolant or air blast.
    pub resinous: bool,
    /// Scales the base chipload range for a tool diameter (1.0 = mahogany).
    pub chipload_multiplier: f64,
    /// Spindle speeds that cut this material cleanly, rpm (min, max).
    pub rpm_range: (f64, f64),
    /// Roughing feed, mm/min.
    pub rough_feed_mm_min: f64,
    /// Finishing feed, mm/min.
    pub finish_feed_mm_min: f64,
    /// Plunge feed, mm/min.
    pub plunge_feed_mm_min: f64,
    /// Largest depth per pass, mm.
    pub max_doc_mm: f64,
    /// Largest depth per pass as a fraction of the tool diameter.
    pub doc_ratio: f64,
    /// Largest width of cut as a fraction of the tool diameter.
    pub woc_ratio: f64,
    /// Specific cutting force, N/mm² of chip section (drives the deflection rule).
    pub specific_cutting_force_n_mm2: f64,
}

macro_rules! material {
    ($id:literal, $name:literal, $hard:ident, $dens:expr, $resin:expr, $mult:expr, ($rlo:expr, $rhi:expr),
     $rough:expr, $finish:expr, $plunge:expr, $doc:expr, $docr:expr, $woc:expr, $kc:expr) => {
        Material {
            id: $id,
            name: $name,
            hardness: Hardness::$hard,
            density_kg_m3: $dens,
            resinous: $resin,
            chipload_multiplier: $mult,
            rpm_range: ($rlo, $rhi),
            rough_feed_mm_min: $rough,
            finish_feed_mm_min: $finish,
            plunge_feed_mm_min: $plunge,
            max_doc_mm: $doc,
            doc_ratio: $docr,
            woc_ratio: $woc,
            specific_cutting_force_n_mm2: $kc,
        }
    };
}

/// The built-in materials, in a fixed order.
static MATERIALS: [Material; 15] = [
    material!(
        "maple_hard",
        "Hard maple",
        Hard,
        720.0,
        false,
        0.85,
        (14000.0, 24000.0),
        3000.0,
        2000.0,
        600.0,
        8.0,
        0.35,
        0.4,
        60.0
    ),
    material!(
        "maple_soft",
        "Soft maple",
        Medium,
        630.0,
        false,
        0.95,
        (12000.0, 24000.0),
        3500.0,
        2300.0,
        800.0,
        10.0,
        0.4,
        0.45,
        50.0
    ),
    material!(
        "mahogany_honduran",
        "Honduran mahogany",
        Medium,
        560.0,
        false,
        1.0,
        (12000.0, 24000.0),
        4000.0,
        2500.0,
        1000.0,
        12.0,
        0.5,
        0.5,
        40.0
    ),
    material!(
        "mahogany_african",
        "African mahogany (khaya)",
        Medium,
        530.0,
        false,
        1.0,
        (12000.0, 24000.0),
        4000.0,
        2500.0,
        1000.0,
        12.0,
        0.5,
        0.5,
        40.0
    ),
    material!(
        "rosewood_east_indian",
        "East Indian rosewood",
        Hard,
        850.0,
        true,
        0.7,
        (16000.0, 24000.0),
        2000.0,
        1200.0,
        400.0,
        4.0,
        0.25,
        0.3,
        75.0
    ),
    material!(
        "ebony_african",
        "African ebony",
        VeryHard,
        1050.0,
        true,
        0.6,
        (18000.0, 24000.0),
        1500.0,
        800.0,
        300.0,
        3.0,
        0.2,
        0.25,
        95.0
    ),
    material!(
        "alder",
        "Red alder",
        Soft,
        450.0,
        false,
        1.15,
        (12000.0, 24000.0),
        4500.0,
        2800.0,
        1200.0,
        12.0,
        0.5,
        0.5,
        32.0
    ),
    material!(
        "ash_swamp",
        "Swamp ash",
        Medium,
        480.0,
        false,
        1.05,
        (12000.0, 24000.0),
        4200.0,
        2600.0,
        1100.0,
        12.0,
        0.5,
        0.5,
        38.0
    ),
    material!(
        "basswood",
        "Basswood",
        Soft,
        415.0,
        false,
        1.3,
        (10000.0, 24000.0),
        6000.0,
        3500.0,
        2000.0,
        18.0,
        0.7,
        0.7,
        25.0
    ),
    material!(
        "spruce_sitka",
        "Sitka spruce",
        Soft,
        425.0,
        false,
        1.15,
        (12000.0, 24000.0),
        4500.0,
        2800.0,
        1200.0,
        10.0,
        0.5,
        0.5,
        28.0
    ),
    material!(
        "cedar_western_red",
        "Western red cedar",
        Soft,
        370.0,
        true,
        1.2,
        (12000.0, 24000.0),
        5000.0,
        3000.0,
        1400.0,
        12.0,
        0.6,
        0.6,
        24.0
    ),
    material!(
        "walnut_black",
        "Black walnut",
        Medium,
        640.0,
        false,
        0.95,
        (12000.0, 24000.0),
        3500.0,
        2200.0,
        900.0,
        10.0,
        0.45,
        0.45,
        48.0
    ),
    material!(
        "mdf",
        "MDF",
        Soft,
        750.0,
        false,
        1.1,
        (12000.0, 24000.0),
        5000.0,
        3000.0,
        1500.0,
        12.0,
        0.6,
        0.6,
        35.0
    ),
    material!(
        "plywood_baltic",
        "Baltic birch plywood",
        Medium,
        680.0,
        false,
        1.0,
        (12000.0, 24000.0),
        4000.0,
        2500.0,
        1000.0,
        10.0,
        0.5,
        0.5,
        45.0
    ),
    material!(
        "acrylic",
        "Cast acrylic",
        Hard,
        1180.0,
        false,
        0.8,
        (12000.0, 20000.0),
        2500.0,
        1500.0,
        500.0,
        3.0,
        0.3,
        0.4,
        70.0
    ),
];

/// Every built-in material, in a fixed order.
///
/// ```
/// let ids: Vec<_> = rmos_core::catalog::materials().iter().map(|m| m.id).collect();
/// assert!(ids.contains(&"spruce_sitka"));
/// ```
pub fn materials() -> &'static [Material] {
    &MATERIALS
}

/// Looks a material up by id.
///
/// ```
/// let maple = rmos_core::catalog::material("maple_hard").unwrap();
/// assert_eq!(maple.rough_feed_mm_min, 3000.0);
/// assert!(rmos_core::catalog::material("unobtainium").is_none());
/// ```
pub fn material(id: &str) -> Option<&'static Material> {
    MATERIALS.iter().find(|m| m.id == id)
}

/// The shape of a cutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolKind {
    /// Flat (square) end mill.
    FlatEndMill,
    /// Ball-nose end mill.
    BallNose,
    /// V-bit (engraving, chamfer).
    VBit,
    /// Twist drill.
    Drill,
}

impl ToolKind {
    /// Every tool kind, in a fixed order.
    pub const ALL: [ToolKind; 4] = [Self::FlatEndMill, Self::BallNose, Self::VBit, Self::Drill];

    /// The id used in job documents.
    pub fn id(self) -> &'static str {
        match self {
            Self::FlatEndMill => "flat_end_mill",
            Self::BallNose => "ball_nose",
            Self::VBit => "v_bit",
            Self::Drill => "drill",
        }
    }
}

/// What a cutter is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolMaterial {
    /// Solid carbide.
    Carbide,
    /// High-speed steel.
    Hss,
}

impl ToolMaterial {
    /// Highest surface speed the cutting edge tolerates in wood, m/min.
    pub fn max_surface_speed_m_min(self) -> f64 {
        match self {
            Self::Carbide => 1500.0,
            Self::Hss => 600.0,
        }
    }

    /// Young's modulus, N/mm² (MPa), for the deflection rule.
    pub fn youngs_modulus_n_mm2(self) -> f64 {
        match self {
            Self::Carbide => 600_000.0,
            Self::Hss => 210_000.0,
        }
    }
}
