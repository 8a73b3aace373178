use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = referat::cli::Cli::parse();
    ExitCode::from(referat::commands::run(cli))
}
