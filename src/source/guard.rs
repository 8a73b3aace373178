//! Running third-party extraction (PDF, zip) so that nothing it does can take the whole run
//! down: a panic inside the crate becomes an error, a hang becomes a time-out, and the
//! extraction runs on its own thread with a large stack so that deep recursion in the
//! crate's parser does not overflow the caller's stack.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Once};
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

/// Set by [`run`] when the caller has stopped waiting: the work should stop as soon as it can
/// (it is checked per character and per page by the PDF reader), so that a timed-out file
/// does not keep a core busy while the next files are read.
#[derive(Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Run `work` on a thread with a 256 MiB stack (reserved, not committed), catching panics
/// and giving up after `timeout`. On a time-out `work`'s [`Cancel`] is set and the caller
/// reports the file and goes on; the thread ends at `work`'s next check of it.
pub fn run<T, F>(timeout: Duration, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(Cancel) -> T + Send + 'static,
{
    let cancel = Cancel::default();
    let for_work = cancel.clone();
    install_quiet_hook();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("referat-extract".into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            GUARDED.with(|g| g.set(true));
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(for_work)));
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
        Err(_) => {
            cancel.cancel();
            Err(Failure::TimedOut)
        }
    }
}
