//! The worker side: `glaneur worker` reads documents from its stdin, runs
//! the pipeline over each and writes the results to its stdout
//! ([`super::frames`]). It is the process a misbehaving plugin takes down,
//! not the run.
//!
//! Which plugin is to blame is said on stderr, in lines the host reads and
//! keeps for itself ([`BLAME`]): a plugin still running after
//! `WATCH_EVERY` (a hang, named before the host's time limit kills the
//! worker), and the plugin running when a fatal signal arrives (a crash).
//! Reporting every plugin as it starts would cost a pipe write and a
//! wake-up of the host per plugin and document: most of the isolation's cost.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use super::{frames, wire};
use crate::pipeline::Pipeline;

/// The prefix of the worker's lines about a plugin, on stderr: `glaneur
/// worker: plugin NAME is running` or `… crashed`.
pub const BLAME: &str = "glaneur worker: plugin ";

/// How often the watchdog looks at the plugin running.
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// The pipeline's plugin names, in order, and the one running
/// (`usize::MAX`: none), read by the watchdog and the signal handler.
static NAMES: OnceLock<Vec<String>> = OnceLock::new();
static CURRENT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Documents started: a plugin is reported once per document.
static DOCUMENT: AtomicU64 = AtomicU64::new(0);

/// Serves documents until `input` ends.
pub fn serve(pipeline: &Pipeline, input: impl Read, output: impl Write) -> io::Result<()> {
    let names: Vec<String> = pipeline.plugins().map(|p| p.name().to_owned()).collect();
    let _ = NAMES.set(names);
    report_crashes();
    std::thread::spawn(watchdog);
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let names = NAMES.get().map(Vec::as_slice).unwrap_or_default();
    while let Some((tag, payload)) = frames::read(&mut input)? {
        if tag != frames::TEXT {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("unexpected frame {tag:#x}")));
        }
        // The entities' texts are left in it (the result leaves them out).
        let text = String::from_utf8(payload).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        DOCUMENT.fetch_add(1, Ordering::SeqCst);
        let extraction = pipeline.extract_observed(&text, |plugin| {
            let k = names.iter().position(|n| n == plugin).unwrap_or(usize::MAX);
            CURRENT.store(k, Ordering::SeqCst);
        });
        CURRENT.store(usize::MAX, Ordering::SeqCst);
        frames::write(&mut output, frames::RESULT, &wire::encode(&extraction))?;
    }
    Ok(())
}

/// Names on stderr the plugin still running after [`WATCH_EVERY`], once
/// per document.
fn watchdog() {
    let mut seen = (0, usize::MAX);
    let mut reported = (0, usize::MAX);
    loop {
        std::thread::sleep(WATCH_EVERY);
        let now = (DOCUMENT.load(Ordering::SeqCst), CURRENT.load(Ordering::SeqCst));
        if now == seen && now != reported {
            if let Some(name) = NAMES.get().and_then(|names| names.get(now.1)) {
                eprintln!("{BLAME}{name} is running");
                reported = now;
            }
        }
        seen = now;
    }
}

/// On a fatal signal (a segmentation fault, an abort), names the plugin
/// running on stderr, then dies of the signal as it would have.
fn report_crashes() {
    extern "C" fn on_fatal(signal: libc::c_int) {
        // Async-signal-safe only: atomic loads, write(2), signal(2), raise(3).
        let current = CURRENT.load(Ordering::SeqCst);
        if let Some(name) = NAMES.get().and_then(|names| names.get(current)) {
            for part in [BLAME.as_bytes(), name.as_bytes(), b" crashed\n"] {
                // SAFETY: writes bytes that live as long as the process to fd 2.
                unsafe { libc::write(2, part.as_ptr().cast(), part.len()) };
            }
        }
        // SAFETY: restoring the default action and raising the signal again
        // ends the process with it, as if no handler had run.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }
    for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT] {
        // SAFETY: `on_fatal` only does async-signal-safe work.
        unsafe {
            libc::signal(signal, on_fatal as extern "C" fn(libc::c_int) as libc::sighandler_t);
        }
    }
}

/// The worker's frames' way out, apart from its stdout: a plugin that
/// prints (`println!`, a C library's `printf`) must not write into the
/// frames. The stdout the host reads is moved to a new descriptor, returned;
/// descriptor 1 then points to stderr, where what plugins print is passed on.
pub fn take_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup and dup2 on the standard descriptors, which are open; the
    // new descriptor is owned by the File returned and by nothing else.
    unsafe {
        let frames = libc::dup(1);
        if frames < 0 || libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(frames))
    }
}

/// Limits the worker's writable memory to `megabytes` (`RLIMIT_DATA`:
/// its heap and private writable mappings): a plugin that allocates past
/// it fails its allocation, and the worker dies instead of the machine
/// swapping. Not the address space (`RLIMIT_AS`): allocators reserve far
/// more of it than they use (mimalloc, in each of seven libraries, 32 MiB
/// at a time), and address space reserved but not writable costs nothing.
pub fn limit_memory(megabytes: u64) -> io::Result<()> {
    let bytes = megabytes.saturating_mul(1 << 20) as libc::rlim_t;
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    // SAFETY: setrlimit reads the struct it is given, which lives across the call.
    if unsafe { libc::setrlimit(libc::RLIMIT_DATA, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Ignores SIGINT and SIGTERM: the host decides when a worker stops (it
/// closes the worker's stdin), so that Ctrl-C in a terminal, sent to the
/// whole process group, lets the host finish writing what is done.
pub fn ignore_interrupts() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: SIG_IGN is a valid disposition for these signals; no
        // handler code runs.
        unsafe {
            libc::signal(signal, libc::SIG_IGN);
        }
    }
}
