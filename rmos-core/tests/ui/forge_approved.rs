// An `Approved` cannot be built outside the workflow: its fields are private.
use rmos_core::gates::{Actor, Policy};
use rmos_core::job::Job;
use rmos_core::workflow::{Approved, Session};

fn main() {
    let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    let evaluated = Session::new(job).evaluate(&Policy::default());
    let _forged = Approved { inner: evaluated, actor: Actor::human("mallory") };
}
