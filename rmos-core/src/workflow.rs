//! The typestate workflow: draft, evaluated, approved.
