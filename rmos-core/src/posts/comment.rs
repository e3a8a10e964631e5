//! Comments in the dialects' one common style, `( )`, with their text made safe.
//!
//! Kept: ASCII letters and digits, space and `. - _ / : + =`. Everything else becomes a space: parentheses
//! (no nesting), `;` (a comment of its own), `%` (tape markers), `!`, `~` and `?` (GRBL reads them as
//! real-time commands even inside comments), `,` (LinuxCNC's active comments `(MSG,` `(DEBUG,`
//! `(LOGOPEN,` need one), `#`, `$`, `*`, quotes, tabs, line breaks, control and non-ASCII characters.
//! Runs of spaces collapse, the ends are trimmed and the text is cut to [`MAX_COMMENT_CHARS`].
//! Fanuc-style controls get upper case, and `_` and `:` become spaces there too.

use super::Post;

/// Longest comment text written, characters.
pub const MAX_COMMENT_CHARS: usize = 100;

/// The text of a comment as `post` writes it (without the parentheses).
///
/// ```
/// use rmos_core::posts::{comment_text, Post};
/// assert_eq!(comment_text(Post::Grbl, "top (spruce)! 50% ~ done?"), "top spruce 50 done");
/// assert_eq!(comment_text(Post::Fanuc, "job: top_1"), "JOB TOP 1");
/// ```
pub fn comment_text(post: Post, text: &str) -> String {
    let mut out = Vec::with_capacity(text.len().min(MAX_COMMENT_CHARS));
    push_comment_text(&mut out, post, text);
    // Every byte written is ASCII.
    String::from_utf8_lossy(&out).into_owned()
}

/// Appends the safe text of `text` to `out` (ASCII only).
pub(crate) fn push_comment_text(out: &mut Vec<u8>, post: Post, text: &str) {
    let upper = post.upper_case_comments();
    let start = out.len();
    let mut pending_space = false;
    let mut written = 0usize;
    for c in text.chars() {
        let kept = match c {
            'a'..='z' if upper => Some(c.to_ascii_uppercase() as u8),
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' | '/' | '+' | '=' => Some(c as u8),
            '_' | ':' if !upper => Some(c as u8),
            _ => None,
        };
        match kept {
            Some(k) => {
                if written >= MAX_COMMENT_CHARS {
                    break;
                }
                if pending_space && out.len() > start {
                    if written + 1 >= MAX_COMMENT_CHARS {
                        break;
                    }
                    out.push(b' ');
                    written += 1;
                }
                pending_space = false;
                out.push(k);
                written += 1;
            }
            None => pending_space = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_become_single_spaces() {
        assert_eq!(comment_text(Post::Grbl, "a(b)c"), "a b c");
        assert_eq!(comment_text(Post::Grbl, "  (nested (parens))  "), "nested parens");
        assert_eq!(comment_text(Post::LinuxCnc, "MSG,hello"), "MSG hello");
        assert_eq!(comment_text(Post::LinuxCnc, "LOGOPEN,/tmp/x"), "LOGOPEN /tmp/x");
        assert_eq!(
            comment_text(Post::Grbl, "line\nbreak\ttab;semi"),
            "line break tab semi"
        );
        assert_eq!(comment_text(Post::Grbl, "#1=5 $H *"), "1=5 H");
        assert_eq!(comment_text(Post::Mach3, "épicéa № 5"), "pic a 5");
    }

    #[test]
    fn grbl_realtime_characters_are_removed() {
        let text = comment_text(Post::Grbl, "stop! ~resume ?status \u{18}reset %");
        assert_eq!(text, "stop resume status reset");
        assert!(!text.contains(['!', '~', '?', '%', '\u{18}']));
    }

    #[test]
    fn hashes_and_stamps_survive() {
        assert_eq!(
            comment_text(Post::Grbl, "approval sha256:00ff"),
            "approval sha256:00ff"
        );
        assert_eq!(
            comment_text(Post::Mach3, "rmos.post.mach3/0.1.0"),
            "rmos.post.mach3/0.1.0"
        );
        assert_eq!(
            comment_text(Post::Fanuc, "approval sha256:00ff"),
            "APPROVAL SHA256 00FF"
        );
    }

    #[test]
    fn fanuc_is_upper_case_without_underscores() {
        assert_eq!(comment_text(Post::Fanuc, "fret_slots: 22"), "FRET SLOTS 22");
    }

    #[test]
    fn long_text_is_cut_to_the_limit_and_empty_stays_empty() {
        let long = "ab ".repeat(200);
        let text = comment_text(Post::Grbl, &long);
        assert!(text.len() <= MAX_COMMENT_CHARS, "{}", text.len());
        assert!(text.len() >= MAX_COMMENT_CHARS - 3);
        assert!(!text.ends_with(' '));
        assert_eq!(comment_text(Post::Grbl, "((;))"), "");
        assert_eq!(
            comment_text(Post::Grbl, &"x".repeat(150)).len(),
            MAX_COMMENT_CHARS
        );
    }
}
