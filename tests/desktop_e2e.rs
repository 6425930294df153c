//! The whole import in the real desktop app: the sample file from the Start screen's
//! first-run offer, through every step, into the app's built-in sandbox; then what the
//! emulated LMS received is read over HTTP and compared with the sample file.
//!
//! Drives the built app through tauri-driver and WebKitWebDriver (see `desktop/app.rs`);
//! ignored by a plain `cargo test` because it needs a display, and run by `scripts/test`
//! under Xvfb: `xvfb-run -a cargo test -p muster-tests --test desktop_e2e -- --ignored`.

mod desktop;

use desktop::app::App;

#[tokio::test]
#[ignore = "drives the real app: needs a display, tauri-driver and WebKitWebDriver (scripts/test runs it under Xvfb)"]
async fn the_sample_goes_through_every_step_into_the_sandbox() {
    let app = App::start(&[]).await;

    // Start: on first run, the sample with the sandbox preselected.
    app.wait_text("New here? Try the sample first").await;
    app.shot("e2e-01-start").await;
    app.click_button("Import the sample into the sandbox").await;

    // Source: the sample opened, its guesses shown.
    app.wait_text("mitarbeiter-excel-de.csv").await;
    app.shot("e2e-02-source").await;
}
