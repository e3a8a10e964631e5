// A draft cannot be passed where an approval is required.
use rmos_core::posts::Post;
use rmos_core::runs::MemoryStore;
use rmos_core::program::Program;
use rmos_core::job::Job;
use rmos_core::workflow::Session;

fn main() {
    let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    let draft = Session::new(job);
    let mut store = MemoryStore::new();
    let _ = Program::release(&draft, Post::Grbl, "2026-11-22T10:00:00Z", &mut store);
}
