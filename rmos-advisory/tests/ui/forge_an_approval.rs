// An advisor depends only on rmos-core's public API (this crate's one dependency), and that API gives it no
// way to make an approval: `Approved` has private fields and no public constructor (S4).
use rmos_advisory::Proposal;
use rmos_core::gates::{Actor, Policy};
use rmos_core::job::Job;
use rmos_core::workflow::Approved;

fn approve_my_own(proposal: &Proposal, job: &Job) {
    let draft = proposal.apply(job).unwrap();
    let evaluated = draft.evaluate(&Policy::default());
    let _mine = Approved { inner: evaluated, actor: Actor::ai("assistant") };
}

fn main() {}
