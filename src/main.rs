use clap::Parser;

/// mimalloc instead of the system allocator: see the `mimalloc` feature in Cargo.toml.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = referat::cli::Cli::parse();
    ExitCode::from(referat::commands::run(cli))
}
