//! The program's frame: the header (provenance comments, modal set-up, tool, spindle, coolant, dwell) and the footer.

use super::{Setup, Writer};
use crate::engines;
use crate::posts::comment::comment_text;
use crate::posts::number::{steps_text, write_digits, write_steps, Style};
use crate::posts::{DwellUnit, EmitContext, Post, PostError};

impl Writer {
    pub(super) fn header(&mut self, ctx: &EmitContext, setup: &Setup) -> Result<(), PostError> {
        let words = self.words;
        if self.post.percent_wrapper() {
            self.comment_block();
            self.out.push(b'%');
            self.end()?;
        }
        if self.post == Post::Fanuc {
            self.comment_block();
            self.out.push(b'O');
            write_digits(&mut self.out, u64::from(setup.program_number), 4);
            self.end()?;
        }
        let p = &ctx.provenance;
        self.comment_line(&format!("rmos program for {}", self.post.id()))?;
        let job = comment_text(self.post, &p.job_name);
        let job = if job.is_empty() { "unnamed" } else { job.as_str() };
        self.comment_line(&format!("job {job}"))?;
        self.comment_line(&format!("approval {}", p.approval_id))?;
        self.comment_line(&format!("request {}", p.request_hash))?;
        self.comment_line(&format!("policy {}", p.policy_hash))?;
        self.comment_line(&format!("feasibility {}", p.feasibility_engine))?;
        self.comment_line(&format!("toolpath {}", p.toolpath_engine))?;
        self.comment_line(&format!("post {}", engines::post_stamp(self.post.id())))?;
        let diameter = steps_text(setup.tool_diameter, self.decimals, self.coord_style);
        self.comment_line(&format!(
            "tool {} diameter {diameter} {}",
            setup.tool,
            self.units.label()
        ))?;

        self.block();
        self.code(words.setup);
        self.code(self.units.gcode());
        self.out.extend_from_slice(words.setup_tail.as_bytes());
        self.end()?;
        let real_z = ctx.safe_z_mm;
        if self.post.tool_change() {
            self.block();
            self.int_word('T', u64::from(setup.tool), 1);
            self.code(words.tool_change);
            self.end()?;
            self.block();
            self.code(words.rapid);
            self.code(words.length_offset);
            let digits = if self.post == Post::Fanuc { 2 } else { 1 };
            write_digits(&mut self.out, u64::from(setup.tool), digits);
        } else {
            self.block();
            self.code(words.rapid);
        }
        self.coord('Z', setup.safe_z);
        self.end()?;
        self.pos[2] = Some(setup.safe_z);
        self.real[2] = Some(real_z);

        self.block();
        self.code(words.spindle_cw);
        self.int_word('S', setup.rpm, 1);
        self.end()?;
        if ctx.coolant {
            self.code_line(words.coolant_on)?;
        }
        self.block();
        self.code(words.dwell);
        self.space();
        self.out.push(b'P');
        // A positive count of milliseconds (checked in Setup).
        let ms = setup.dwell_ms.unsigned_abs();
        match self.post.dwell_unit() {
            DwellUnit::Seconds => write_steps(&mut self.out, setup.dwell_ms, 3, Style::Trimmed),
            DwellUnit::Milliseconds => write_digits(&mut self.out, ms, 1),
        }
        if self.post == Post::Mach3 {
            self.comment(|out, _| out.extend_from_slice(b"dwell in ms"));
        }
        self.end()
    }

    pub(super) fn footer(&mut self, ctx: &EmitContext, setup: &Setup) -> Result<(), PostError> {
        let words = self.words;
        if self.pos[2].is_none_or(|z| z < setup.safe_z) {
            self.block();
            self.code(words.rapid);
            self.coord('Z', setup.safe_z);
            self.end()?;
        }
        if ctx.coolant {
            self.code_line(words.coolant_off)?;
        }
        self.code_line(words.spindle_stop)?;
        self.code_line(words.end)?;
        if self.post.percent_wrapper() {
            self.comment_block();
            self.out.push(b'%');
            self.end()?;
        }
        Ok(())
    }
}
