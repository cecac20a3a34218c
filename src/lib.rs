//! zeren (责任): parse Chinese local-government work plans into a store of
//! tasks and the units responsible for them, and review them in a terminal
//! dashboard.

pub mod atomic_write;
pub mod check;
pub mod cjk;
pub mod cli;
pub mod clock;
pub mod compare;
pub mod departments;
pub mod escape;
pub mod export;
pub mod gazetteer;
pub mod input;
pub mod lexicon;
pub mod load;
pub mod logfile;
pub mod model;
pub mod parse;
pub mod paths;
pub mod review;
pub mod samples;
pub mod search;
pub mod stats;
pub mod store;
pub mod synthetic;
pub mod tui;
