//! The dashboard without a terminal: state under keys and filters, and
//! screens drawn into ratatui's `TestBackend`.

mod common;
mod detail;
mod places;
mod problems;
mod render;
mod review;
mod state;
mod tasks;
