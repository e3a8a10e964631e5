//! G-code dialects: headers, footers, number formatting, arcs and canned cycles per controller.

mod dialect;

pub use dialect::{Post, Units, UnknownPost};
