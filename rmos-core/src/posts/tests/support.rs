//! Move lists, contexts and a small G-code word reader shared by the post tests.
#![allow(dead_code)]

use crate::content::ContentHash;
use crate::posts::{EmitContext, Provenance, ToolCall};
use crate::toolpaths::Move;
use nalgebra::{Point2, Point3};

/// A context with recognisable hashes: approval 11..., request 22..., policy 33....
pub fn ctx() -> EmitContext {
    let provenance = Provenance::new(
        "Rosette (top #3)",
        ContentHash::from_bytes([0x11; 32]),
        ContentHash::from_bytes([0x22; 32]),
        ContentHash::from_bytes([0x33; 32]),
    );
    EmitContext::new(
        provenance,
        18_000.0,
        5.0,
        ToolCall {
            number: 1,
            diameter_mm: 3.175,
        },
    )
}

pub fn rapid(x: f64, y: f64, z: f64) -> Move {
    Move::Rapid {
        to: Point3::new(x, y, z),
    }
}

pub fn feed(x: f64, y: f64, z: f64, f: f64) -> Move {
    Move::Feed {
        to: Point3::new(x, y, z),
        feed_mm_min: f,
    }
}

pub fn arc(to: [f64; 3], center: [f64; 2], clockwise: bool, f: f64) -> Move {
    Move::Arc {
        to: Point3::new(to[0], to[1], to[2]),
        center: Point2::new(center[0], center[1]),
        clockwise,
        feed_mm_min: f,
    }
}

pub fn peck(x: f64, y: f64, r_z: f64, bottom_z: f64, peck_mm: f64, f: f64) -> Move {
    Move::PeckDrill {
        at: Point2::new(x, y),
        r_z,
        bottom_z,
        peck_mm,
        feed_mm_min: f,
    }
}

pub fn operation(index: usize, label: &str) -> Move {
    Move::Operation {
        index,
        label: label.to_owned(),
    }
}

/// Every kind of move: a rapid, a plunge, a feed, a G3 and a G2 arc, a helix, and a pecked hole.
pub fn demo_moves() -> Vec<Move> {
    vec![
        operation(0, "rosette_channel: ring 1"),
        rapid(60.0, 50.0, 5.0),
        rapid(60.0, 50.0, 1.0),
        feed(60.0, 50.0, -0.5, 300.0),
        feed(70.0, 50.0, -0.5, 1000.0),
        arc([50.0, 70.0, -0.5], [50.0, 50.0], false, 1000.0),
        arc([70.0, 50.0, -0.5], [50.0, 50.0], true, 1000.0),
        arc([70.0, 50.0, -1.0], [50.0, 50.0], false, 800.0),
        rapid(70.0, 50.0, 5.0),
        operation(1, "drill_pattern"),
        peck(20.0, 20.0, 1.0, -2.5, 1.0, 200.0),
    ]
}

/// The words of a line without its comments and `N` number: `[('G', 1.0), ('X', 10.0)]`.
pub fn words(line: &str) -> Vec<(char, f64)> {
    let code = code_part(line);
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    while i < chars.len() {
        let letter = chars[i].to_ascii_uppercase();
        i += 1;
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '-') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        if letter.is_ascii_alphabetic() && letter != 'N' {
            out.push((letter, number.parse::<f64>().unwrap_or(f64::NAN)));
        }
    }
    out
}

/// A line without its `( )` comments.
pub fn code_part(line: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

pub fn word(words: &[(char, f64)], letter: char) -> Option<f64> {
    words.iter().find(|(l, _)| *l == letter).map(|(_, v)| *v)
}

/// Every arc of a program with the difference between its end and start radius, in mm.
pub fn arc_radius_errors_mm(gcode: &str) -> Vec<f64> {
    let mut scale = 1.0;
    let (mut x, mut y) = (None::<f64>, None::<f64>);
    let mut out = Vec::new();
    for line in gcode.lines() {
        let w = words(line);
        if w.iter().any(|&(l, v)| l == 'G' && v == 20.0) {
            scale = 25.4;
        }
        let is_arc = w.iter().any(|&(l, v)| l == 'G' && (v == 2.0 || v == 3.0));
        let (nx, ny) = (word(&w, 'X').or(x), word(&w, 'Y').or(y));
        if is_arc {
            let (sx, sy) = (x.unwrap(), y.unwrap());
            let (i, j) = (word(&w, 'I').unwrap(), word(&w, 'J').unwrap());
            let (cx, cy) = (sx + i, sy + j);
            let r0 = i.hypot(j);
            let r1 = (nx.unwrap() - cx).hypot(ny.unwrap() - cy);
            out.push((r1 - r0).abs() * scale);
        }
        x = nx;
        y = ny;
    }
    out
}
