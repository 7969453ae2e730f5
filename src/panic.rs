//! Panics inside a library (pdf-extract on a damaged PDF) are caught and
//! become warnings or error records; this keeps them off stderr, while a
//! panic anywhere else is still reported.
//!
//! Invariant: the build never sets `panic = "abort"`, so every panic can be
//! caught where a document or page is read.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// Replaces the panic hook by one that, inside [`catch`], keeps the message
/// for the caller instead of printing a backtrace; any other panic (a bug
/// outside a caught library call) is reported as before. Idempotent.
pub fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) == 0 {
                previous(info);
                return;
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "an unknown panic".to_owned());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
}

/// Runs `work`, turning a panic into `Err` with its message.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    LAST_PANIC.with(|last| last.borrow_mut().take());
    CATCHING.with(|c| c.set(c.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get() - 1));
    outcome.map_err(|payload| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown panic".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let caught = catch(|| -> u8 { panic!("index out of bounds") });
        let message = caught.unwrap_err();
        assert!(message.starts_with("index out of bounds at "), "{message}");
        assert_eq!(catch(|| 7), Ok(7));
    }
}
