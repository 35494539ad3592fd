//! Ctrl-C (SIGINT) and SIGTERM during a run: the reading stops, what was
//! read is extracted and written whole, and glaneur exits 130 with a note.
//! A second signal exits at once. Worker processes still on a document
//! are stopped: that document is left for `--resume`.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler for SIGINT and SIGTERM.
pub fn install() {
    extern "C" fn on_signal(_: libc::c_int) {
        // Only async-signal-safe calls here: an atomic swap and _exit.
        if REQUESTED.swap(true, Ordering::SeqCst) {
            // SAFETY: _exit is async-signal-safe and ends the process.
            unsafe { libc::_exit(130) };
        }
    }
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: `on_signal` is an `extern "C" fn(c_int)` that only does
        // async-signal-safe work, as a handler must.
        unsafe {
            libc::signal(signal, on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t);
        }
    }
}

/// Whether the run was asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// The error of a document a worker was still on when the run was asked
/// to stop: its line is not written (a resumed run does it again).
pub const UNFINISHED: &str = "unfinished: the run was interrupted";
