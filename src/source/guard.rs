//! Running third-party extraction (PDF, zip) so that nothing it does can take the whole run
//! down: a panic inside the crate becomes an error, a hang becomes a time-out, and the
//! extraction runs on its own thread with a large stack so that deep recursion in the
//! crate's parser does not overflow the caller's stack.

use std::cell::Cell;
use std::sync::{mpsc, Once};
use std::time::Duration;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// True while the current thread runs guarded extraction. The fuzz target's panic hook uses
/// this to tell a panic that referat catches (inside a PDF crate) from one that is a bug.
pub fn in_guarded_extraction() -> bool {
    GUARDED.with(|g| g.get())
}

static QUIET_HOOK: Once = Once::new();

/// Panics caught by [`run`] are reported as a finding-free error, not as a backtrace on
/// stderr: wrap the current hook so that it stays silent on guarded threads.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !in_guarded_extraction() {
                previous(info);
            }
        }));
    });
}

/// Why guarded work did not produce a value.
pub enum Failure {
    Panicked(String),
    TimedOut,
}

/// Run `work` on a thread with a 256 MiB stack (reserved, not committed), catching panics
/// and giving up after `timeout`. A timed-out thread is left to finish on its own; the
/// caller reports the file and goes on.
pub fn run<T, F>(timeout: Duration, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    install_quiet_hook();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("referat-extract".into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            GUARDED.with(|g| g.set(true));
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            GUARDED.with(|g| g.set(false));
            let _ = tx.send(result.map_err(|payload| {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into())
            }));
        });
    if spawned.is_err() {
        return Err(Failure::Panicked("could not start a thread".into()));
    }
    match rx.recv_timeout(timeout) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(message)) => Err(Failure::Panicked(message)),
        Err(_) => Err(Failure::TimedOut),
    }
}
