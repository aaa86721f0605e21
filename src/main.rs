//! Thin: parse the command line, run, map the outcome to an exit code (0 done, 1 findings at or
//! above `--fail-on`, 2 usage, config or input error).

use clap::Parser;
use fuelrecon::cli::Cli;
use std::process::ExitCode;

/// mimalloc, not the system's allocator: a large month makes millions of small allocations
/// across two threads, where it spends about a tenth less CPU, and it gives freed memory back
/// within milliseconds, so a stage's scratch does not stay in the process's footprint (the 1 M
/// month's peak: about 995 MiB against 1005–1060 MiB; README, Performance). The v2 line: v3
/// holds freed memory for a second, and peaks higher.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match fuelrecon::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("fuelrecon: {}", fuelrecon::cmd::one_line(&error));
            if let Some(fix) = fuelrecon::cmd::config_fix(&error) {
                eprintln!("{fix}");
            }
            ExitCode::from(2)
        }
    }
}

/// `fuelrecon check | head` is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
