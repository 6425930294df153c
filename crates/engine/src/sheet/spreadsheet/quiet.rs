//! Catching calamine's panics on damaged workbooks without their text on the terminal: the
//! person gets Muster's sentence ("… could not be opened as a workbook …"), and Rust's
//! default hook would print a programmer's message ("slice index starts at 4096 …") above
//! it. With `RUST_BACKTRACE` set the panic is printed as before, for whoever debugs it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// This thread is inside [`catch`]: a panic here is caught and answered.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, catching a panic, which is not printed unless `RUST_BACKTRACE` is set.
pub(crate) fn catch<T>(read: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let show = std::env::var_os("RUST_BACKTRACE").is_some();
        let earlier = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                earlier(info);
            } else if show {
                eprintln!("{info}");
            }
        }));
    });
    let was = CATCHING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    CATCHING.set(was);
    result
}
