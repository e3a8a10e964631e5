//! Read-back: a G-code reader that re-checks programs against the job before release.
