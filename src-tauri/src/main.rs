//! `muster-desktop`: opens Muster's window. Everything it does is in the library.

// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // `muster-desktop FILE` opens FILE on the Source step (a file manager's "Open with").
    let file = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    match muster_desktop::run(file) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Muster could not start its window: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
