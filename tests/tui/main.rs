//! The dashboard without a terminal: state under keys and filters, and
//! screens drawn into ratatui's `TestBackend`.

mod common;
mod places;
mod render;
mod review;
mod state;
