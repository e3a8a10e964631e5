//! The host's timestamps: RFC 3339 UTC instants on the real calendar.
//!
//! The core reads no clock (D2): every approval and release carries the host's `at`. A timestamp is
//! recorded in an artifact and compared with the ones before it, so it must name a real instant:
//! `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a year from 0001 to 9999, a day that exists in its month (no
//! February 31, February 29 only in leap years), and second 60 only at 23:59:60 on the days a leap second
//! was inserted ([`LEAP_SECOND_DAYS`]). Timestamps order by the instant they name.
//!
//! ```
//! use rmos_core::timestamp::Timestamp;
//! let approved = Timestamp::parse("2026-11-22T10:00:00Z").unwrap();
//! let released = Timestamp::parse("2026-11-22T10:00:00.5Z").unwrap();
//! assert!(approved < released);
//! assert!(Timestamp::parse("2026-02-29T10:00:00Z").is_err()); // 2026 is not a leap year
//! assert!(Timestamp::parse("2016-12-31T23:59:60Z").is_ok()); // a real leap second
//! ```

use std::cmp::Ordering;
use std::fmt;

/// Longest timestamp text accepted (and kept in an artifact).
pub const MAX_CHARS: usize = 64;

/// The UTC days at whose end a leap second (23:59:60) was inserted, as `(year, month, day)`, from IERS
/// Bulletin C. No leap second has been announced after the end of 2016.
pub const LEAP_SECOND_DAYS: [(u16, u8, u8); 27] = [
    (1972, 6, 30),
    (1972, 12, 31),
    (1973, 12, 31),
    (1974, 12, 31),
    (1975, 12, 31),
    (1976, 12, 31),
    (1977, 12, 31),
    (1978, 12, 31),
    (1979, 12, 31),
    (1981, 6, 30),
    (1982, 6, 30),
    (1983, 6, 30),
    (1985, 6, 30),
    (1987, 12, 31),
    (1989, 12, 31),
    (1990, 12, 31),
    (1992, 6, 30),
    (1993, 6, 30),
    (1994, 6, 30),
    (1995, 12, 31),
    (1997, 6, 30),
    (1998, 12, 31),
    (2005, 12, 31),
    (2008, 12, 31),
    (2012, 6, 30),
    (2015, 6, 30),
    (2016, 12, 31),
];

/// An instant named by an RFC 3339 UTC timestamp.
///
/// Ordering and equality are by instant: `10:00:00Z` equals `10:00:00.000Z`.
#[derive(Debug, Clone, Copy)]
pub struct Timestamp {
    /// Days since 0001-01-01.
    day: u32,
    /// Seconds into the day, 0..=86400 (86400 only for a leap second).
    second: u32,
    /// The fraction of the second in nanoseconds; digits past the ninth are ignored for ordering.
    nanos: u32,
}

/// Why a text is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at: {shown:?} is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SSZ): {why}")]
pub struct TimestampError {
    /// The text as it may be shown: at most [`MAX_CHARS`] characters, control characters replaced.
    pub shown: String,
    /// What is wrong with it.
    pub why: &'static str,
}

impl Timestamp {
    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction]Z` on the real UTC calendar.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let bad = |why| TimestampError {
            shown: shown(text),
            why,
        };
        let b = text.as_bytes();
        if b.len() > MAX_CHARS {
            return Err(bad("longer than 64 characters"));
        }
        if b.len() < 20 || b.last() != Some(&b'Z') {
            return Err(bad("not of the form YYYY-MM-DDTHH:MM:SSZ"));
        }
        let field = |at: usize, len: usize| -> Option<u32> {
            let digits = b.get(at..at + len)?;
            digits
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let sep = |at: usize, c: u8| b.get(at) == Some(&c);
        let shape = sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':');
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second), true) = (
            field(0, 4),
            field(5, 2),
            field(8, 2),
            field(11, 2),
            field(14, 2),
            field(17, 2),
            shape,
        ) else {
            return Err(bad("not of the form YYYY-MM-DDTHH:MM:SSZ"));
        };
        let fraction = b.get(19..b.len() - 1).unwrap_or_default();
        let nanos = match fraction.split_first() {
            None => 0,
            Some((b'.', digits)) if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => digits
                .iter()
                .chain(std::iter::repeat(&b'0'))
                .take(9)
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0')),
            Some(_) => return Err(bad("the fraction of a second must be '.' and digits")),
        };
        if year == 0 {
            return Err(bad("there is no year 0000"));
        }
        if !(1..=12).contains(&month) {
            return Err(bad("the month must be 01 to 12"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(bad("that day does not exist in that month"));
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad("the time of day is out of range"));
        }
        if second == 60 && !(hour == 23 && minute == 59 && is_leap_second_day(year, month, day)) {
            return Err(bad(
                "second 60 is only a leap second at 23:59:60 on a day that had one",
            ));
        }
        Ok(Self {
            day: days_before(year, month) + day - 1,
            second: hour * 3600 + minute * 60 + second,
            nanos,
        })
    }

    fn key(&self) -> (u32, u32, u32) {
        (self.day, self.second, self.nanos)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the fraction without trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil(self.day);
        let (h, m, s) = (self.second / 3600, self.second / 60 % 60, self.second % 60);
        let (h, m, s) = if self.second == 86_400 {
            (23, 59, 60)
        } else {
            (h, m, s)
        };
        write!(f, "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}")?;
        if self.nanos != 0 {
            let digits = format!("{:09}", self.nanos);
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

/// The text as an artifact or a message may show it: at most [`MAX_CHARS`] characters, control characters
/// replaced by `?`.
pub fn shown(text: &str) -> String {
    text.chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 0001-01-01 to the first of `month` in `year`.
fn days_before(year: u32, month: u32) -> u32 {
    let y = year - 1;
    let years = y * 365 + y / 4 - y / 100 + y / 400;
    years + (1..month).map(|m| days_in_month(year, m)).sum::<u32>()
}

/// The date `day` days after 0001-01-01.
fn civil(day: u32) -> (u32, u32, u32) {
    // 146097 days in 400 years; walk down from an estimate that is never too high.
    let mut year = (day / 146_097) * 400 + 1;
    while days_before(year + 1, 1) <= day {
        year += 1;
    }
    let mut month = 1;
    while month < 12 && days_before(year, month + 1) <= day {
        month += 1;
    }
    (year, month, day - days_before(year, month) + 1)
}

fn is_leap_second_day(year: u32, month: u32, day: u32) -> bool {
    LEAP_SECOND_DAYS
        .iter()
        .any(|&(y, m, d)| u32::from(y) == year && u32::from(m) == month && u32::from(d) == day)
}
