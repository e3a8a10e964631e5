//! Drawing units from `$INSUNITS`, and their size in millimetres.

use crate::DxfError;

/// The drawing's length unit, as `$INSUNITS` names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawingUnits {
    /// The `$INSUNITS` code (0 when the header has none).
    pub code: i64,
    /// The unit's name (`"inches"`, `"millimeters"`, `"unitless"`).
    pub name: &'static str,
    /// Millimetres per drawing unit.
    pub mm_per_unit: f64,
}

/// The units of `code`: exact factors (the inch is 25.4 mm, the US survey foot 1200/3937 m).
pub(crate) fn units_of(code: i64) -> Result<DrawingUnits, DxfError> {
    let survey_foot_mm = 1_200_000.0 / 3937.0;
    let (name, mm_per_unit) = match code {
        0 => ("unitless", 1.0),
        1 => ("inches", 25.4),
        2 => ("feet", 304.8),
        3 => ("miles", 1_609_344.0),
        4 => ("millimeters", 1.0),
        5 => ("centimeters", 10.0),
        6 => ("meters", 1000.0),
        7 => ("kilometers", 1_000_000.0),
        8 => ("microinches", 25.4e-6),
        9 => ("mils", 0.0254),
        10 => ("yards", 914.4),
        11 => ("angstroms", 1e-7),
        12 => ("nanometers", 1e-6),
        13 => ("microns", 1e-3),
        14 => ("decimeters", 100.0),
        15 => ("decameters", 10_000.0),
        16 => ("hectometers", 100_000.0),
        17 => ("gigameters", 1e12),
        18 => {
            return Err(DxfError::UnsupportedUnits {
                code,
                name: "astronomical units",
            })
        }
        19 => {
            return Err(DxfError::UnsupportedUnits {
                code,
                name: "light years",
            })
        }
        20 => {
            return Err(DxfError::UnsupportedUnits {
                code,
                name: "parsecs",
            })
        }
        21 => ("US survey feet", survey_foot_mm),
        22 => ("US survey inches", survey_foot_mm / 12.0),
        23 => ("US survey yards", survey_foot_mm * 3.0),
        24 => ("US survey miles", survey_foot_mm * 5280.0),
        _ => return Err(DxfError::UnknownUnits { code }),
    };
    Ok(DrawingUnits {
        code,
        name,
        mm_per_unit,
    })
}

/// The raw `$INSUNITS` code of an ASCII DXF drawing, read from its code pairs (`9 / $INSUNITS / 70 / n`).
///
/// The DXF reader maps a code it does not know to "unitless"; reading the pair here lets an unknown
/// code be refused instead of silently taken as millimetres. The scan works on bytes, so a drawing in a
/// legacy code page (not UTF-8) is scanned too. `None` when the header has no `$INSUNITS`, or for
/// binary DXF, whose units only the reader sees.
pub(crate) fn raw_insunits(bytes: &[u8]) -> Result<Option<i64>, DxfError> {
    let mut lines = bytes.split(|&b| b == b'\n').map(<[u8]>::trim_ascii);
    while let Some(line) = lines.next() {
        if line == b"$INSUNITS" {
            let code = lines.next();
            let value = lines
                .next()
                .and_then(|v| std::str::from_utf8(v).ok()?.parse::<i64>().ok());
            return match (code, value) {
                (Some(b"70"), Some(v)) => Ok(Some(v)),
                _ => Err(DxfError::Unreadable {
                    reason: "$INSUNITS is not followed by group 70 and an integer".to_owned(),
                }),
            };
        }
        if line == b"ENDSEC" {
            return Ok(None);
        }
    }
    Ok(None)
}

/// True for a binary DXF drawing (its sentinel line).
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(b"AutoCAD Binary DXF")
}
