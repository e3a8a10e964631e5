//! The job document parser and validator on arbitrary bytes: never a panic, and a job that parses writes
//! a document that parses back to the same job.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rmos_core::job::Job;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(job) = Job::from_json(text) else {
        return;
    };
    let written = job.to_json();
    let again = Job::from_json(&written)
        .unwrap_or_else(|e| panic!("a valid job's own document is refused: {e}\n{written}"));
    assert_eq!(again, job, "the job's document does not read back to the job");
    assert_eq!(again.to_json(), written, "writing the job is not deterministic");
});
