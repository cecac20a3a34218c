use std::process::ExitCode;

use clap::Parser;
use zeren::cli::{Cli, run};

fn main() -> ExitCode {
    run(Cli::parse())
}
