//! Progress on long work, on standard error and only for a person at a terminal: scripts
//! and pipes see nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A counter of rows read that redraws a few times a second.
pub struct RowProgress {
    bar: ProgressBar,
}

impl RowProgress {
    pub fn reading(what: &str) -> RowProgress {
        let bar = ProgressBar::new_spinner();
        let style = ProgressStyle::with_template("{spinner} {msg}: {human_pos} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        RowProgress { bar }
    }

    /// Called for every row; updates the bar every few thousand rows to stay cheap.
    pub fn row(&self, count: u64) {
        if count.is_multiple_of(4096) {
            self.bar.set_position(count);
        }
    }

    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// A bar of `total` records drawn with `template`; hidden when `quiet` or when standard
/// error is not a terminal.
pub fn records_bar(total: u64, quiet: bool, template: &str) -> ProgressBar {
    if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// A flag that Ctrl-C sets, for work that stops between batches and stays resumable.
/// Call from within a tokio runtime.
pub fn cancel_on_ctrl_c() -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let on_interrupt = Arc::clone(&cancel);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.store(true, Ordering::SeqCst);
        }
    });
    cancel
}
