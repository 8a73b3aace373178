//! The command line (clap derive). Every flag is documented where it is defined.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "referat",
    version,
    about = "Checks Danish municipal meeting minutes (referater) for contradictions before they are published"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check minutes: files, folders (searched recursively) or "-" for standard input.
    Check(CheckArgs),
    /// Print what referat read from one document (the model) as JSON.
    Extract(ExtractArgs),
    /// List every rule with its default severity and summary.
    Rules(LangArgs),
    /// Write a commented referat.toml to start from (with a roster from MINUTES if given).
    Init(InitArgs),
    /// Explain one rule: why it matters, with an example that fails and one that passes.
    Explain {
        /// Rule id, e.g. vote/tally-exceeds-present
        id: String,
        #[command(flatten)]
        lang: LangArgs,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; "-" reads standard input. Defaults to the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Use this configuration file instead of searching for referat.toml next to each file.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every referat.toml (defaults and command-line flags only).
    #[arg(long)]
    pub no_config: bool,
    /// Run only these rules or families (comma-separated; replaces the configuration's select).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules or families (comma-separated; added to the configuration's).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Change a rule's or family's severity: RULE=error|warning|info|off (repeatable).
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Read every file as this layout profile (see rules/layouts.toml) instead of
    /// recognising it; referat.toml can pin one per path (`[[overrides]] layout = "…"`).
    #[arg(long, value_name = "PROFILE")]
    pub layout: Option<String>,
    /// Print findings per rule and how much of the documents was recognised.
    #[arg(long)]
    pub stats: bool,
    /// Number of files checked at once [default: number of cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to use colours in human output (NO_COLOR is respected with "auto").
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub lang: LangArgs,
    /// Exit with status 1 on warnings too ("--deny warnings").
    #[arg(long, value_name = "LEVEL")]
    pub deny: Option<DenyLevel>,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = crate::source::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
    /// Read every input as this format instead of detecting it from its content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::source::InputFormat>,
    /// Write the report to this file instead of standard output; the summary still goes to
    /// the terminal (stderr).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Exit with status 0 even when there are findings; 2 still means referat could not do
    /// its job (unlike `|| true`, which hides that too).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings only: no summary line, no progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Leave findings below this severity out of the report, the counts and the exit status.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<MinSeverity>,
    /// Skip files matching this glob when walking folders, e.g. "**/udkast/**" (repeatable).
    /// A file named on the command line is always checked.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also check hidden files and folders (names starting with "."; never .git) when
    /// walking folders. Without it they are left out, and counted in a note.
    #[arg(long)]
    pub hidden: bool,
    /// Also check the files .gitignore, .ignore and git's exclude files leave out.
    #[arg(long)]
    pub no_ignore: bool,
    /// Print, for each file, the referat.toml it is checked with and the resulting settings
    /// (rules, severities, tolerances, layout, suppressions), instead of checking it.
    #[arg(long)]
    pub show_settings: bool,
    /// The name standard input ("-") is reported under, and the path its referat.toml is
    /// looked up from.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    pub fn severity(self) -> crate::rules::Severity {
        match self {
            MinSeverity::Error => crate::rules::Severity::Error,
            MinSeverity::Warning => crate::rules::Severity::Warning,
            MinSeverity::Info => crate::rules::Severity::Info,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The document to read ("-" for standard input).
    pub path: PathBuf,
    /// Output format (only json for now).
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = crate::source::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
    /// Read every input as this format instead of detecting it from its content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::source::InputFormat>,
    /// Read the document as this layout profile (see rules/layouts.toml).
    #[arg(long, value_name = "PROFILE")]
    pub layout: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct LangArgs {
    /// Language of messages; defaults to Danish when the locale is Danish (LC_ALL, LC_MESSAGES,
    /// LANG, LANGUAGE, else the system language), else English.
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Minutes to take a roster from: the body, its participants and their party letters.
    #[arg(long, value_name = "MINUTES")]
    pub from: Option<PathBuf>,
    /// Where to write (a file, or a folder to write referat.toml into).
    #[arg(long, default_value = "referat.toml")]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub lang: LangArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable report with the source lines (miette).
    Human,
    /// The JSON contract (see README.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML, one test case per file (GitLab, Jenkins).
    Junit,
    /// One line per finding: path:line:col: severity rule message.
    Concise,
    /// GitLab Code Quality JSON (a merge request's code quality widget).
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Da,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    Warnings,
}

impl LangArgs {
    pub fn resolve(&self) -> crate::catalogue::Lang {
        match self.lang {
            Some(LangChoice::Da) => crate::catalogue::Lang::Da,
            Some(LangChoice::En) => crate::catalogue::Lang::En,
            None => crate::catalogue::Lang::from_env(),
        }
    }
}
