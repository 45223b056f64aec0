//! The `standin` command.

fn main() -> std::process::ExitCode {
    standin::cli::run()
}
