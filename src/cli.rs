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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
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
}

#[derive(Debug, Clone, clap::Args)]
pub struct LangArgs {
    /// Language of messages; defaults to Danish when LANG starts with "da", else English.
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable report with the source lines (miette).
    Human,
    /// The JSON contract (see README, "Output").
    Json,
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
