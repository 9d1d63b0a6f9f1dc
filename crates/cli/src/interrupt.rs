//! Ctrl-C and termination signals during long runs.
//!
//! The first SIGINT, SIGTERM or SIGHUP (Ctrl-C on Windows) only sets a
//! flag: `abridge batch` checks it between documents, so that it stops
//! after a whole record, says how far it got and exits with 130. A second
//! signal ends the process at once, for a run that waits on its input.

use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code of a run stopped by a signal (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler. Failing to install it is not an error: the run
/// goes on, and a signal then ends it as it would without us.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"abridge: interrupted again: stopping now\n",
            );
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
}

/// Whether a signal asked the run to stop.
pub fn requested() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
