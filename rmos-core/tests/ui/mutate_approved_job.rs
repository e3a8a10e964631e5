// An approved session's job cannot be changed: a changed job needs a new approval.
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

fn main() {
    let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    let policy = Policy::default();
    let evaluated = Session::new(job).evaluate(&policy);
    let mut store = MemoryStore::new();
    let why = Override::new("fresh bit, runout checked", false);
    let approved = evaluated
        .approve_with_override(&Actor::human("luthier"), &why, "2026-11-22T10:00:00Z", &mut store)
        .unwrap();
    approved.job().operations.clear();
}
