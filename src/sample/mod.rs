//! Stage 5, audit sampling (SPEC §7): plan, select, evaluate.
pub mod evaluate;
pub mod plan;
pub mod select;
