//! Muster's desktop app: a Tauri 2 shell over the engine.
//!
//! The engine does the work; the commands in [`commands`] only translate between the UI's
//! contract (`ui/src/ipc/contract.ts`, mirrored in [`wire`]) and engine calls, and run
//! anything slow off the UI thread. Opened sheets stay here in Rust ([`sheets`]): the UI
//! asks for windows of rows, so a million-row file never crosses the bridge whole. The job
//! store is the CLI's ([`store`]), so a job started in one is seen in the other.

pub mod commands;
pub mod error;
pub mod progress;
pub mod running;
pub mod samples;
pub mod sandbox_state;
pub mod sheets;
pub mod store;
pub mod wire;

use running::Running;
use sandbox_state::SandboxState;
use sheets::Sheets;

/// Builds the app and runs it until its last window closes.
///
/// `file`, when given, is opened on the Source step once the window is up.
pub fn run(file: Option<std::path::PathBuf>) -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::app::OpenAtStart::new(file))
        .manage(Sheets::default())
        .manage(SandboxState::default())
        .manage(Running::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::jobs_list,
            commands::sheet::open_sheet,
            commands::sheet::sheet_info,
            commands::sheet::sheet_rows,
            commands::sheet::close_sheet,
            commands::mapping::suggest_mapping,
            commands::connection_kinds::connection_kinds,
            commands::connections::connections_list,
            commands::connections::connection_save,
            commands::connection_test::connection_test,
            commands::connections::connection_remove,
            commands::sandbox::sandbox_status,
            commands::sandbox::sandbox_start,
            commands::sandbox::sandbox_stop,
            commands::plan::plan_job,
            commands::push::push_job,
            commands::jobs::cancel_job,
            commands::jobs::job_get,
            commands::records::job_records,
            commands::results::export_results,
            commands::results::export_failed,
            commands::results::failed_sources,
            commands::fixes::fix_records,
            commands::fixes::retry_failed,
            commands::fixes::fix_from_file,
            commands::mapping::change_mapping,
            commands::templates::templates_list,
            commands::templates::save_template,
            commands::templates::load_template,
            commands::templates::load_profile,
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
