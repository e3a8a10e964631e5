//! G-code dialects: headers, footers, number formatting, arcs and canned cycles per controller.
