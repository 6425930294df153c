//! `muster-desktop`: opens Muster's window. Everything it does is in the library.

// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match muster_desktop::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Muster could not start its window: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
