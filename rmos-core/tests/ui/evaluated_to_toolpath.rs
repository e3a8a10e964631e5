// An evaluated session is not an approval either.
use rmos_core::gates::Policy;
use rmos_core::posts::Post;
use rmos_core::runs::MemoryStore;
use rmos_core::program::Program;
use rmos_core::job::Job;
use rmos_core::workflow::Session;

fn main() {
    let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    let evaluated = Session::new(job).evaluate(&Policy::default());
    let mut store = MemoryStore::new();
    let _ = Program::release(&evaluated, Post::Grbl, "2026-11-22T10:00:00Z", &mut store);
}
