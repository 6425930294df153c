//! Muster's desktop app: a Tauri 2 shell over the engine.
//!
//! The engine does the work; the commands in [`commands`] only translate between the UI's
//! contract (`ui/src/ipc/contract.ts`, mirrored in [`wire`]) and engine calls, and run
//! anything slow off the UI thread. Opened sheets stay here in Rust ([`sheets`]): the UI
//! asks for windows of rows, so a million-row file never crosses the bridge whole. The job
//! store is the CLI's ([`store`]), so a job started in one is seen in the other.

pub mod commands;
pub mod error;
pub mod samples;
pub mod sheets;
pub mod store;
pub mod wire;

use sheets::Sheets;

/// Builds the app and runs it until its last window closes.
pub fn run() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Sheets::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::jobs_list,
            commands::sheet::open_sheet,
            commands::sheet::sheet_rows,
            commands::sheet::close_sheet,
            commands::mapping::suggest_mapping,
            commands::mapping::change_mapping,
            commands::templates::templates_list,
            commands::templates::save_template,
            commands::templates::load_template,
            commands::review::review_sheet,
            commands::review::review_rows,
            commands::review::edit_cell,
            commands::review::replace_in_column,
            commands::review::export_issues,
            commands::review::save_corrected,
            commands::create_job::create_job,
        ])
        .run(tauri::generate_context!())
}
