//! `check`: a program held against a job and a dialect, giving findings like feasibility's.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engines;
use crate::feasibility::{Bucket, Finding};
use crate::job::Job;
use crate::posts::Post;
use crate::toolpaths::Bounds;

use super::codes::{self, finding};
use super::interpret::{Interpreter, Sink};
use super::parse::{blocks, Block, MacroKind, MAX_PROGRAM_BYTES};
use super::reading::{Segment, Stats};
use super::rules::{check_segment, Limits, Memory};
use super::words::{reject_line, reject_word};

/// Most findings of one code listed in a report; the rest are counted in one closing finding per code.
pub const MAX_FINDINGS_PER_CODE: usize = 20;

/// What the read-back check found in one program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadbackReport {
    /// The worst finding's bucket (GREEN when there are none).
    pub bucket: Bucket,
    /// Findings in line order; program-wide ones (no end, unbalanced `%`) and the counts of findings
    /// beyond [`MAX_FINDINGS_PER_CODE`] close the list.
    pub findings: Vec<Finding>,
    /// The line of each finding (`lines[i]` is `findings[i]`'s), `None` for program-wide ones.
    pub lines: Vec<Option<usize>>,
    /// Bounds of every point reached, arc extremes and drilling depths included (`None` until every axis
    /// has a known position, or when the program could not be read).
    pub bounds: Option<Bounds>,
    /// The lowest Z reached, mm (negative below the stock top).
    pub deepest_z: Option<f64>,
    /// Counts and lengths.
    pub stats: Stats,
    /// The dialect the words were held to; `None` for the dialect-neutral rules of [`check`].
    pub post: Option<Post>,
    /// Engine stamp, `rmos.readback/<semver>`.
    pub engine: String,
}

impl ReadbackReport {
    /// True when no finding is RED: the program may be released.
    pub fn passed(&self) -> bool {
        self.bucket != Bucket::Red
    }

    /// Codes of the findings, in order.
    pub fn codes(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.code.as_str()).collect()
    }

    /// Each finding with its line.
    pub fn located(&self) -> impl Iterator<Item = (Option<usize>, &Finding)> {
        self.lines.iter().copied().zip(&self.findings)
    }
}

/// Checks a program against a job with the dialect-neutral word rules (any host's program: one written
/// by hand, by another CAM tool or by an AI).
///
/// ```
/// use rmos_core::{job::Job, readback};
/// let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
/// let clean = "G21 G90 G17\nM3 S18000\nG0 Z5\nG0 X230 Y210\nG0 Z1\nG1 Z-0.5 F300\n\
///              G2 X230 Y210 I50 J0 F1200\nG0 Z5\nM5\nM30\n";
/// let report = readback::check(clean, &job);
/// assert!(report.passed(), "{:?}", report.findings);
///
/// let hand_written = "G21 G90\nG0 X230 Y210 Z-1\nM30\n";
/// let report = readback::check(hand_written, &job);
/// assert_eq!(report.codes(), ["RB_RAPID_LOW"]);
/// assert_eq!(report.lines, [Some(2)]);
/// ```
pub fn check(gcode: &str, job: &Job) -> ReadbackReport {
    run(gcode, job, None)
}

/// Checks a program against a job and the word rules of `post` (GRBL rejects `%`, M6, canned cycles,
/// Q words, G90.1 and G43; see `spec/gcode.md`). This is the check every emitted program passes before
/// release.
///
/// ```
/// use rmos_core::{job::Job, posts::Post, readback};
/// let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
/// let program = "%\nG21 G90\nM3 S18000\nG0 Z5\nG0 X50 Y50\nG98 G83 X50 Y50 Z-3 R1 Q1 F300\nG80\nM30\n%\n";
/// assert!(readback::check_for(program, &job, Post::LinuxCnc).passed());
/// let grbl = readback::check_for(program, &job, Post::Grbl);
/// assert!(!grbl.passed());
/// assert!(grbl.located().any(|(line, f)| line == Some(6) && f.message.contains("G83")));
/// ```
pub fn check_for(gcode: &str, job: &Job, post: Post) -> ReadbackReport {
    run(gcode, job, Some(post))
}

fn run(gcode: &str, job: &Job, post: Option<Post>) -> ReadbackReport {
    let mut out = Collector::default();
    if gcode.len() > MAX_PROGRAM_BYTES {
        out.push(
            None,
            finding(
                codes::RB_PARSE,
                Bucket::Red,
                None,
                format!(
                    "program of {} bytes, over the {MAX_PROGRAM_BYTES}-byte limit: not read",
                    gcode.len()
                ),
                None,
                None,
            ),
        );
        return out.finish(None, None, Stats::default(), post);
    }
    let mut checker = Checker {
        limits: Limits::new(job),
        memory: Memory::default(),
        out,
    };
    let mut words = WordRules::new(post);
    let mut interpreter = Interpreter::new();
    for block in blocks(gcode) {
        words.check(&block, &mut checker.out);
        interpreter.step(&block, &mut checker);
    }
    let mut out = checker.out;
    words.finish(&mut out);
    let summary = interpreter.finish();
    if summary.program_end.is_none() {
        out.push(
            None,
            finding(
                codes::RB_NO_END,
                Bucket::Red,
                None,
                "no M2 or M30: the program never ends, leaving the spindle on",
                None,
                None,
            ),
        );
    }
    out.finish(summary.bounds, summary.deepest_z, summary.stats, post)
}

/// Collects findings, keeping at most [`MAX_FINDINGS_PER_CODE`] of each code.
#[derive(Default)]
struct Collector {
    findings: Vec<Finding>,
    lines: Vec<Option<usize>>,
    dropped: BTreeMap<String, (usize, Bucket)>,
    kept: BTreeMap<String, usize>,
}

impl Collector {
    fn push(&mut self, line: Option<usize>, finding: Finding) {
        let kept = self.kept.entry(finding.code.clone()).or_insert(0);
        if *kept < MAX_FINDINGS_PER_CODE {
            *kept += 1;
            self.findings.push(finding);
            self.lines.push(line);
        } else {
            let dropped = self.dropped.entry(finding.code).or_insert((0, Bucket::Green));
            dropped.0 += 1;
            dropped.1 = dropped.1.max(finding.bucket);
        }
    }

    fn finish(
        mut self,
        bounds: Option<Bounds>,
        deepest_z: Option<f64>,
        stats: Stats,
        post: Option<Post>,
    ) -> ReadbackReport {
        for (code, (count, bucket)) in std::mem::take(&mut self.dropped) {
            let message = format!("{count} more {code} findings not listed");
            self.findings
                .push(finding(&code, bucket, None, message, Some(count as f64), None));
            self.lines.push(None);
        }
        let bucket = self
            .findings
            .iter()
            .map(|f| f.bucket)
            .max()
            .unwrap_or(Bucket::Green);
        ReadbackReport {
            bucket,
            findings: self.findings,
            lines: self.lines,
            bounds,
            deepest_z,
            stats,
            post,
            engine: engines::READBACK.to_owned(),
        }
    }
}

/// The interpreter's sink during a check: motion rules on every segment.
struct Checker {
    limits: Limits,
    memory: Memory,
    out: Collector,
}

impl Sink for Checker {
    fn segment(&mut self, segment: Segment) {
        let line = Some(segment.line);
        let out = &mut self.out;
        check_segment(&segment, &self.limits, &mut self.memory, &mut |f| {
            out.push(line, f)
        });
    }

    fn finding(&mut self, line: Option<usize>, finding: Finding) {
        self.out.push(line, finding);
    }
}

/// The word rules, block by block, with what they need to remember.
struct WordRules {
    post: Option<Post>,
    seen_words: bool,
    opening_percent: Option<usize>,
    percent_lines: usize,
}

impl WordRules {
    fn new(post: Option<Post>) -> Self {
        Self {
            post,
            seen_words: false,
            opening_percent: None,
            percent_lines: 0,
        }
    }

    fn check(&mut self, block: &Block, out: &mut Collector) {
        if block.error.is_some() {
            return;
        }
        let line = Some(block.line);
        if block.percent {
            self.percent_lines += 1;
            if !self.seen_words && self.percent_lines == 1 {
                self.opening_percent = Some(block.line);
            }
        }
        for rejection in reject_line(block, self.post) {
            out.push(
                line,
                finding(
                    rejection.code,
                    rejection.bucket,
                    line,
                    rejection.reason,
                    None,
                    None,
                ),
            );
        }
        if !block.macros.is_empty() {
            let mut kinds: Vec<MacroKind> = block.macros.iter().map(|m| m.kind).collect();
            kinds.sort();
            kinds.dedup();
            let what: Vec<&str> = kinds.iter().map(|k| k.describe()).collect();
            let message = format!(
                "macro syntax ({}) is never evaluated: not allowed",
                what.join(", ")
            );
            out.push(
                line,
                finding(codes::RB_FORBIDDEN_WORD, Bucket::Red, line, message, None, None),
            );
        }
        let first_block = !self.seen_words;
        for word in &block.words {
            if let Some(rejection) = reject_word(word, block, self.post, first_block) {
                let message = format!("{}: {}", word_text(word), rejection.reason);
                out.push(
                    line,
                    finding(rejection.code, rejection.bucket, line, message, None, None),
                );
            }
        }
        if !block.words.is_empty() || !block.macros.is_empty() {
            self.seen_words = true;
        }
    }

    fn finish(&self, out: &mut Collector) {
        let tape = matches!(self.post, Some(Post::LinuxCnc | Post::Fanuc));
        if let (true, Some(open), 1) = (tape, self.opening_percent, self.percent_lines) {
            let dialect = self.post.map_or("", Post::id);
            let message = format!("'%' at line {open} opens the program without a closing '%' ({dialect})");
            out.push(
                None,
                finding(codes::RB_FORBIDDEN_WORD, Bucket::Red, None, message, None, None),
            );
        }
    }
}

fn word_text(word: &super::parse::Word) -> String {
    match word.value.number() {
        Some(v) => format!("{}{v}", word.letter),
        None => format!("{}[expression]", word.letter),
    }
}
