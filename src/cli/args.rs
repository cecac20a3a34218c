//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::choice::{choose_departments, choose_places};
use crate::export::Format;
use crate::store::{DeptCondition, Filter, PlaceFilter, RoleFilter, Store};
use crate::tui::i18n::Lang;

/// zeren (责任): who is responsible for what in Chinese local-government work plans.
#[derive(Debug, Parser)]
#[command(name = "zeren", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub dashboard: DashboardArgs,
    /// Language of the labels, messages and table headers (default: from LANG; zh* gives Chinese).
    #[arg(long, value_enum, global = true, ignore_case = true)]
    pub lang: Option<Lang>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the parsed store (JSON by default) to stdout or a file.
    Export(ExportArgs),
    /// Print task counts per city and per department.
    Stats(StatsArgs),
    /// List review problems; exits 1 when one is an error (a task with no unit).
    Check(CheckArgs),
}

/// Files and folders to read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders (walked recursively; .txt .htm .html .docx). None: the built-in samples.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Filters shared by the dashboard, export and stats.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only documents of places whose name contains TEXT, with the places under them.
    #[arg(long, value_name = "TEXT")]
    pub city: Option<String>,
    /// Only tasks naming the department TEXT names: a name, alias or pinyin on word boundaries; repeat to take several.
    #[arg(long, value_name = "TEXT")]
    pub dept: Vec<String>,
    /// The role --dept applies to [default: any].
    #[arg(long, value_enum, ignore_case = true)]
    pub role: Option<RoleFilter>,
    /// Only tasks whose text matches TEXT (fuzzy).
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
}

impl FilterArgs {
    /// The role `--dept` applies to.
    pub fn role(&self) -> RoleFilter {
        self.role.unwrap_or_default()
    }

    /// The store filter these options describe; which department each
    /// `--dept` was taken to mean, and what else it matched, goes to stderr.
    pub fn to_filter(&self, store: &Store) -> Filter {
        let places = self
            .city
            .as_deref()
            .map(|text| PlaceFilter::within(choose_places(store, text)));
        let mut departments = Vec::new();
        if !self.dept.is_empty() {
            let choices = choose_departments(store, &self.dept);
            for note in &choices.notes {
                super::output::note(note);
            }
            let mut chosen: Vec<_> = choices
                .chosen
                .iter()
                .flat_map(|(_, group)| group.departments.iter().copied())
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            departments.push(DeptCondition {
                departments: chosen,
                role: self.role(),
            });
        }
        Filter {
            places,
            range: None,
            departments,
            unit_role: if self.dept.is_empty() {
                self.role()
            } else {
                RoleFilter::Any
            },
            query: self.query.clone(),
        }
    }
}

/// The subcommands, for a mistyped one.
const COMMANDS: [&str; 3] = ["export", "stats", "check"];

/// A usage error when the first PATH of the dashboard is no file or folder
/// but a subcommand mistyped (`zeren exprot`): "did you mean export?".
pub fn mistyped_command(cli: &Cli) -> Option<clap::Error> {
    if cli.command.is_some() {
        return None;
    }
    let first = cli.dashboard.input.paths.first()?;
    if first.symlink_metadata().is_ok() {
        return None;
    }
    let typed = first.to_str()?;
    let closest = COMMANDS
        .iter()
        .map(|command| (strsim::damerau_levenshtein(typed, command), *command))
        .min()?;
    let (distance, command) = closest;
    if typed.chars().count() < 3 || distance > 2 {
        return None;
    }
    let tip = if distance == 0 {
        format!("the command comes first, then its options: zeren {command} [OPTIONS]")
    } else {
        format!("did you mean {command}?")
    };
    let mut app = <Cli as clap::CommandFactory>::command();
    Some(app.error(
        clap::error::ErrorKind::InvalidSubcommand,
        format!(
            "unrecognized subcommand '{typed}' (no such file or folder either)\n\n  tip: {tip}"
        ),
    ))
}

/// Arguments of the dashboard (no subcommand).
#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// The review file holding marks and notes (default: .zeren-review.json in each folder given).
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
    /// The name recorded with each mark (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
}

/// Arguments of `zeren export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json, ignore_case = true)]
    pub format: Format,
    /// Write to FILE instead of stdout (written whole, or not at all); xlsx needs it.
    #[arg(long, short, value_name = "FILE", required_if_eq("format", "xlsx"))]
    pub output: Option<PathBuf>,
    /// The review file whose marks and notes to include (default: .zeren-review.json in each folder given).
    #[arg(long, value_name = "FILE")]
    pub review: Option<PathBuf>,
}

/// Arguments of `zeren check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// Arguments of `zeren stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// `place`: departments × places, the tasks each department leads (or has in --role) in each place's documents.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<StatsBy>,
}

/// Another layout of `zeren stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsBy {
    /// Departments × places.
    Place,
}
