// Code outside the workflow (advisory code included) cannot reach the approval's internals: the attempt
// that records and decides is private, and so is the evaluated state.
use rmos_core::gates::{Actor, Policy};
use rmos_core::job::Job;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::{Evaluated, Session};

fn main() {
    let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    let policy = Policy::default();
    let evaluated: Session<Evaluated> = Session::new(job).evaluate(&policy);
    let mut store = MemoryStore::new();
    let _ = evaluated.attempt(&Actor::ai("assistant"), None, "2026-11-22T10:00:00Z", &mut store);
    let _report = evaluated.state.report;
}
