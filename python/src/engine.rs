//! Documents extracted on Rust threads and handed back in input order: the
//! command line's runner (`glaneur::runner`), turned inside out for a
//! caller that pulls one result at a time (a Python iterator) and hands its
//! documents in as it goes.
//!
//! Documents travel in batches, as in the runner; at most `4 × jobs`
//! batches are in flight, so memory is bounded by what they hold whatever
//! the length of the input. The threads need no GIL: they touch no Python
//! object, and end when the [`Stream`] is dropped.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crossbeam_channel::{bounded, unbounded, Receiver, RecvTimeoutError, Sender};
use glaneur::html::HtmlMode;
use glaneur::input::{EncodingMode, RawInput};
use glaneur::pipeline::Pipeline;
use glaneur::runner::{batch_full, process_batch, starts_a_batch, Processed};
use glaneur_schema::output::OutputEntity;

/// How documents are read before extraction.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// How `bytes` become text.
    pub encoding: EncodingMode,
    /// What of an HTML page to read.
    pub html: HtmlMode,
}

/// A document extracted: its line and text, and each entity's offsets in
/// characters (what Python's `str` indexes by), in the entities' order.
pub struct Done {
    /// The line and the text its offsets refer to.
    pub processed: Processed,
    /// `(start_char, end_char)` of each entity of the line.
    pub chars: Vec<(u64, u64)>,
}

/// Extracts one batch on the calling thread.
pub fn run_batch(pipeline: &Pipeline, batch: Vec<RawInput>, reading: Reading) -> Vec<Done> {
    process_batch(batch, pipeline, reading.encoding, reading.html)
        .into_iter()
        .map(|processed| {
            let entities = processed.line.entities.as_deref().unwrap_or_default();
            let chars = char_offsets(processed.text(), entities);
            Done { processed, chars }
        })
        .collect()
}

/// Each entity's byte offsets as character offsets; `entities` are sorted
/// by start, as the pipeline returns them, so the text is counted once.
pub fn char_offsets(text: &str, entities: &[OutputEntity]) -> Vec<(u64, u64)> {
    let bytes = text.as_bytes();
    let (mut byte, mut chars) = (0usize, 0u64);
    entities
        .iter()
        .map(|e| {
            let (start, end) = (e.start as usize, e.end as usize);
            if start >= byte {
                chars += count_chars(&bytes[byte..start]);
            } else {
                chars -= count_chars(&bytes[start..byte]);
            }
            byte = start;
            (chars, chars + count_chars(&bytes[start..end]))
        })
        .collect()
}

/// The characters in UTF-8 bytes: the bytes that are no continuation byte.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u64
}

/// A batch for a thread: its number, its documents, and results the caller
/// is done with, which the thread frees rather than the caller, which
/// holds the GIL.
type Work = (u64, Vec<RawInput>, Vec<Done>);

/// Documents in, results out in input order, extracted by `jobs` threads.
pub struct Stream {
    work: Option<Sender<Work>>,
    done: Receiver<(u64, Vec<Done>)>,
    /// Results that came back before those of an earlier batch.
    early: BTreeMap<u64, Vec<Done>>,
    /// Results in order, not yet taken.
    ready: VecDeque<Done>,
    /// The batch being filled.
    filling: Vec<RawInput>,
    /// Results taken and used, to free on a thread.
    spent: Vec<Done>,
    filling_bytes: usize,
    sent: u64,
    received: u64,
    window: u64,
}

impl Stream {
    /// Starts `jobs` threads over `pipeline`.
    pub fn new(pipeline: Arc<Pipeline>, jobs: usize, reading: Reading) -> Self {
        let jobs = jobs.max(1);
        let (work_tx, work_rx) = unbounded::<Work>();
        let (done_tx, done_rx) = bounded(jobs * 4);
        for _ in 0..jobs {
            let (pipeline, work_rx, done_tx) = (pipeline.clone(), work_rx.clone(), done_tx.clone());
            thread::spawn(move || {
                for (seq, batch, spent) in work_rx {
                    drop(spent);
                    if done_tx.send((seq, run_batch(&pipeline, batch, reading))).is_err() {
                        break;
                    }
                }
            });
        }
        Stream {
            work: Some(work_tx),
            done: done_rx,
            early: BTreeMap::new(),
            ready: VecDeque::new(),
            filling: Vec::new(),
            spent: Vec::new(),
            filling_bytes: 0,
            sent: 0,
            received: 0,
            window: jobs as u64 * 4,
        }
    }

    /// Whether another document may be handed in now: fewer than the
    /// window's batches are in flight.
    pub fn wants_more(&self) -> bool {
        self.sent - self.received < self.window
    }

    /// Hands in a document; a batch leaves when it is full.
    pub fn push(&mut self, input: RawInput) {
        if starts_a_batch(self.filling.len(), self.filling_bytes, input.size()) {
            self.flush();
        }
        self.filling_bytes += input.size();
        self.filling.push(input);
        if batch_full(self.filling.len(), self.filling_bytes) {
            self.flush();
        }
    }

    /// Sends the batch being filled, if any.
    pub fn flush(&mut self) {
        if self.filling.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut self.filling);
        self.filling_bytes = 0;
        if let Some(work) = &self.work {
            // The threads hold the receiver until the stream is dropped.
            let _ = work.send((self.sent, batch, std::mem::take(&mut self.spent)));
            self.sent += 1;
        }
    }

    /// The next result in input order, if one is here without waiting.
    pub fn take_ready(&mut self) -> Option<Done> {
        self.ready.pop_front()
    }

    /// Gives back a result taken and used: a thread frees it.
    pub fn retire(&mut self, done: Done) {
        self.spent.push(done);
    }

    /// Whether documents handed in have not come back yet.
    pub fn pending(&self) -> bool {
        !self.filling.is_empty() || self.sent > self.received
    }

    /// Waits at most `timeout` for the next batch in order (sending the
    /// batch being filled first); `Ok(true)` once a result is ready or none
    /// is pending. `Err` when the threads are gone (a panic in the host).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, String> {
        self.flush();
        while self.ready.is_empty() && self.sent > self.received {
            let (seq, batch) = match self.done.recv_timeout(timeout) {
                Ok(received) => received,
                Err(RecvTimeoutError::Timeout) => return Ok(false),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("glaneur's extraction threads stopped (a bug: please report it)".into())
                }
            };
            self.early.insert(seq, batch);
            while let Some(batch) = self.early.remove(&self.received) {
                self.ready.extend(batch);
                self.received += 1;
            }
        }
        Ok(true)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // The threads end after their batch: their channel is closed.
        self.work = None;
    }
}
