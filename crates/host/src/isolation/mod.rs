//! Plugins in worker processes: a plugin is native code glaneur does not
//! control, and one that aborts, crashes, hangs or eats the memory must
//! cost the document it was given, never the run.
//!
//! The host re-executes itself as `glaneur worker` (as many as `--jobs`),
//! hands each a document at a time over its stdin and reads the result on
//! its stdout ([`frames`]). A worker that dies or outlives the document's
//! time limit is killed and reaped; the document gets an error naming the
//! plugin that was running and the cause (`signal SIGSEGV`, `timed out
//! after 60 s`, `out of memory`); the next document gets a new worker.
//!
//! Architecture invariant: a worker holds one document at a time, so a
//! worker's death never costs another document.

pub mod frames;
pub mod wire;
pub mod worker;

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError};

use crate::interrupt;
use crate::pipeline::{Extract, Extraction};

/// How to start a worker: this executable and the arguments that load the
/// same plugins (`worker --plugins … --config … --only …`).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// The limits each document runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The time a document may take…
    pub timeout: Duration,
    /// …plus this much per megabyte of its text (a 50 MB document is not a
    /// hang).
    pub per_megabyte: Duration,
    /// The worker's writable-memory limit, in megabytes, if any (applied by
    /// the worker itself: `worker --max-memory`).
    pub max_memory_mb: Option<u64>,
}

/// The pool of worker processes, started on demand, at most `max` at once.
pub struct Workers {
    command: WorkerCommand,
    limits: Limits,
    max: usize,
    pool: Mutex<Pool>,
    returned: Condvar,
}

/// The idle workers, and how many are alive.
#[derive(Default)]
struct Pool {
    idle: Vec<Worker>,
    live: usize,
}

/// A frame read from a worker, `None` at the end of its output.
type Frame = io::Result<Option<(u8, Vec<u8>)>>;

/// One worker process and the threads reading its output.
struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    frames: Receiver<Frame>,
    /// Whether it said on stderr (which is passed on to ours) that an
    /// allocation failed.
    out_of_memory: Arc<AtomicBool>,
    /// The plugin it last named on stderr (running long, or crashing).
    blamed: Arc<Mutex<Option<String>>>,
    /// The thread reading its stderr, joined once it died, so that its
    /// last words are read.
    stderr: Option<std::thread::JoinHandle<()>>,
}

impl Workers {
    /// A pool of at most `max` workers started with `command`, each
    /// document under `limits`. Give it more threads than workers (twice
    /// as many): a thread preparing its batch while another's is extracted
    /// keeps every worker busy.
    pub fn new(command: WorkerCommand, limits: Limits, max: usize) -> Self {
        Workers { command, limits, max: max.max(1), pool: Mutex::new(Pool::default()), returned: Condvar::new() }
    }

    /// An idle worker, a new one if fewer than `max` live, else the next
    /// one returned.
    fn checkout(&self) -> io::Result<Worker> {
        let mut pool = self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            if let Some(worker) = pool.idle.pop() {
                return Ok(worker);
            }
            if pool.live < self.max {
                pool.live += 1;
                drop(pool);
                let started = Worker::start(&self.command);
                if started.is_err() {
                    self.gone();
                }
                return started;
            }
            pool = self.returned.wait(pool).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    fn checkin(&self, worker: Worker) {
        self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).idle.push(worker);
        self.returned.notify_one();
    }

    /// A worker died or was killed: room for a new one.
    fn gone(&self) {
        let mut pool = self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pool.live = pool.live.saturating_sub(1);
        drop(pool);
        self.returned.notify_one();
    }

    /// What a dead worker's status says, blamed on the plugin that ran.
    fn death(&self, worker: &mut Worker) -> String {
        drop(worker.stdin.take());
        let status = worker.child.wait();
        worker.join_stderr();
        let plugin = worker.blamed();
        let cause = match status {
            _ if worker.out_of_memory.load(Ordering::SeqCst) => match self.limits.max_memory_mb {
                Some(limit) => format!("out of memory (the worker's limit is {limit} MB)"),
                None => "out of memory".to_owned(),
            },
            Ok(status) => describe(status),
            Err(e) => format!("its status could not be read: {e}"),
        };
        format!("{} crashed: {cause}", blame(plugin.as_deref()))
    }
}

impl Extract for Workers {
    fn extract(&self, text: &str) -> Extraction {
        self.extract_batch(&[text]).pop().unwrap_or_default()
    }

    /// Sends the batch to one worker, then reads the results in order. When
    /// the worker dies or hangs, the document it held gets the error and
    /// the documents after it go to a new worker.
    fn extract_batch(&self, texts: &[&str]) -> Vec<Extraction> {
        let failed = |message: String| Extraction { entities: Vec::new(), errors: vec![message] };
        let mut out = Vec::with_capacity(texts.len());
        let mut rest = texts;
        while !rest.is_empty() {
            let mut worker = match self.checkout() {
                Ok(worker) => worker,
                Err(e) => {
                    let message = format!("cannot start a worker process: {e}");
                    out.extend(rest.iter().map(|_| failed(message.clone())));
                    return out;
                }
            };
            // A reader thread drains the worker's stdout: writing the whole
            // batch cannot deadlock against the results.
            let mut batch = Vec::with_capacity(rest.iter().map(|t| t.len() + 5).sum());
            let framed = rest.iter().try_for_each(|text| frames::write(&mut batch, frames::TEXT, text.as_bytes()));
            if let Err(e) = framed {
                // A document too large for a frame: nothing was sent.
                self.checkin(worker);
                out.extend(rest.iter().map(|_| failed(format!("cannot send the document to a worker: {e}"))));
                return out;
            }
            let sent = match worker.stdin.as_mut() {
                Some(stdin) => stdin.write_all(&batch).and_then(|()| stdin.flush()),
                None => Err(io::ErrorKind::BrokenPipe.into()),
            };
            let mut done = 0;
            let mut outcome = None; // why the worker stopped, if it did
            while done < rest.len() && outcome.is_none() {
                match self.one_result(&mut worker, rest[done]) {
                    Ok(extraction) => {
                        out.push(extraction);
                        done += 1;
                    }
                    Err(message) => outcome = Some(message),
                }
            }
            match outcome {
                None if sent.is_ok() => {
                    self.checkin(worker);
                    return out;
                }
                None => {
                    drop(worker);
                    self.gone();
                }
                Some(message) if message == interrupt::UNFINISHED => {
                    self.gone();
                    out.extend(rest[done..].iter().map(|_| failed(message.clone())));
                    return out;
                }
                Some(message) => {
                    // The document it held fails; the ones after it are retried.
                    self.gone();
                    out.push(failed(message));
                    done += 1;
                }
            }
            rest = &rest[done.min(rest.len())..];
        }
        out
    }
}

impl Workers {
    /// The next result from `worker`, for `text`; `Err` with the message of
    /// the worker's death or hang (the worker is then reaped).
    fn one_result(&self, worker: &mut Worker, text: &str) -> Result<Extraction, String> {
        let megabytes = u32::try_from(text.len() >> 20).unwrap_or(u32::MAX);
        let allowed = self.limits.timeout + self.limits.per_megabyte * megabytes;
        let deadline = Instant::now() + allowed;
        // Waits in slices, to stop at Ctrl-C rather than at the time limit.
        let received = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match worker.frames.recv_timeout(left.min(Duration::from_millis(200))) {
                Err(RecvTimeoutError::Timeout) if interrupt::requested() => {
                    worker.kill();
                    return Err(interrupt::UNFINISHED.to_owned());
                }
                Err(RecvTimeoutError::Timeout) if !left.is_zero() => continue,
                other => break other,
            }
        };
        match received {
            Ok(Ok(Some((frames::RESULT, bytes)))) => wire::decode(&bytes, text).map_err(|e| {
                worker.kill();
                format!("the worker process sent an unreadable result: {e}")
            }),
            Ok(Ok(Some((tag, _)))) => {
                worker.kill();
                Err(format!("the worker process sent an unexpected frame {tag:#x}"))
            }
            Ok(Ok(None) | Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.death(worker)),
            Err(RecvTimeoutError::Timeout) => {
                worker.kill();
                Err(format!("{} timed out after {} s", blame(worker.blamed().as_deref()), allowed.as_secs()))
            }
        }
    }
}

impl Worker {
    /// Starts a worker, with a thread reading its frames and one passing
    /// its stderr on.
    fn start(command: &WorkerCommand) -> io::Result<Worker> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (stdin, stdout, stderr) = match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(stdin), Some(stdout), Some(stderr)) => (stdin, stdout, stderr),
            _ => return Err(io::Error::other("the worker's pipes were not opened")),
        };
        let (tx, frames) = unbounded();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let frame = frames::read(&mut stdout);
                let end = !matches!(frame, Ok(Some(_)));
                if tx.send(frame).is_err() || end {
                    break;
                }
            }
        });
        let out_of_memory = Arc::new(AtomicBool::new(false));
        let blamed = Arc::new(Mutex::new(None));
        let (said, named) = (Arc::clone(&out_of_memory), Arc::clone(&blamed));
        let stderr = std::thread::spawn(move || {
            // Bytes, not text: a plugin may print anything (read to the end,
            // or the worker would block on a full pipe).
            let mut reader = BufReader::new(stderr);
            let mut bytes = Vec::new();
            while reader.read_until(b'\n', &mut bytes).is_ok_and(|n| n > 0) {
                let line = String::from_utf8_lossy(&bytes).trim_end_matches(['\n', '\r']).to_owned();
                bytes.clear();
                // The worker's lines about a plugin are for us alone.
                if let Some(rest) = line.strip_prefix(worker::BLAME) {
                    let name = rest.trim_end_matches(" is running").trim_end_matches(" crashed");
                    if let Ok(mut named) = named.lock() {
                        *named = Some(name.to_owned());
                    }
                    continue;
                }
                eprintln!("{line}");
                if line.starts_with("memory allocation of") {
                    said.store(true, Ordering::SeqCst);
                }
            }
        });
        Ok(Worker { child, stdin: Some(stdin), frames, out_of_memory, blamed, stderr: Some(stderr) })
    }

    /// Kills the process and reaps it.
    fn kill(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.join_stderr();
    }

    /// Waits for the end of the worker's stderr (it died: the end comes).
    fn join_stderr(&mut self) {
        if let Some(thread) = self.stderr.take() {
            let _ = thread.join();
        }
    }

    /// The plugin the worker named last.
    fn blamed(&self) -> Option<String> {
        self.blamed.lock().ok().and_then(|b| b.clone())
    }
}

impl Drop for Worker {
    /// Closing its stdin ends an idle worker; it is then reaped.
    fn drop(&mut self) {
        if self.stdin.take().is_some() {
            let _ = self.child.wait();
        }
    }
}

/// `plugin quotations`, or the worker when no plugin had started.
fn blame(plugin: Option<&str>) -> String {
    plugin.map_or_else(|| "the worker process".to_owned(), |p| format!("plugin {p}"))
}

/// `signal SIGSEGV`, `exit code 3`.
fn describe(status: ExitStatus) -> String {
    if let Some(signal) = status.signal() {
        let name = match signal {
            libc::SIGSEGV => "SIGSEGV",
            libc::SIGABRT => "SIGABRT",
            libc::SIGBUS => "SIGBUS",
            libc::SIGILL => "SIGILL",
            libc::SIGFPE => "SIGFPE",
            libc::SIGKILL => "SIGKILL",
            libc::SIGTERM => "SIGTERM",
            _ => return format!("signal {signal}"),
        };
        return format!("signal {name}");
    }
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "an unknown status".to_owned(),
    }
}
