//! The run: documents read on one thread, extracted on `jobs` worker
//! threads, written on the caller's thread in input order.
//!
//! Architecture invariant: memory is bounded by the largest document, not
//! the corpus. At most `in_flight` documents exist at once (read, being
//! extracted, or waiting for their turn to be written); the reader waits for
//! a written document's slot before reading the next.

use std::collections::BTreeMap;
use std::io;

use crossbeam_channel::bounded;
use glaneur_schema::output::DocumentLine;

use crate::html::extract_text;
use crate::input::{decode, Content, EncodingMode, RawInput};
use crate::pipeline::Pipeline;

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Worker threads extracting in parallel (at least 1).
    pub jobs: usize,
    /// How bytes become text.
    pub encoding: EncodingMode,
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Documents written.
    pub documents: u64,
    /// Of those, documents written with an error.
    pub failed: u64,
}

/// Runs `pipeline` over `inputs`, passing each document's line to `write`
/// in input order. Stops early only if `write` fails.
pub fn run<I, W>(inputs: I, pipeline: &Pipeline, options: RunOptions, mut write: W) -> io::Result<Summary>
where
    I: Iterator<Item = RawInput> + Send,
    W: FnMut(&DocumentLine) -> io::Result<()>,
{
    let jobs = options.jobs.max(1);
    let in_flight = jobs * 4;
    let (slot_tx, slot_rx) = bounded::<()>(in_flight);
    let (work_tx, work_rx) = bounded::<(u64, RawInput)>(in_flight);
    let (done_tx, done_rx) = bounded::<(u64, DocumentLine)>(in_flight);
    for _ in 0..in_flight {
        slot_tx.send(()).expect("the slot channel has room for every slot");
    }

    // Everything moves into the scope closure, so that an early return
    // drops the channel ends and unblocks the reader and the workers.
    std::thread::scope(move |scope| {
        scope.spawn(move || {
            for (seq, input) in (0u64..).zip(inputs) {
                // Wait for a free slot; a closed channel means the writer stopped.
                if slot_rx.recv().is_err() || work_tx.send((seq, input)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                for (seq, input) in work_rx {
                    let line = process(input, pipeline, options.encoding);
                    if done_tx.send((seq, line)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        let mut summary = Summary::default();
        let mut waiting: BTreeMap<u64, DocumentLine> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, line) in done_rx.iter() {
            waiting.insert(seq, line);
            while let Some(line) = waiting.remove(&next) {
                summary.documents += 1;
                summary.failed += u64::from(line.error.is_some());
                write(&line)?; // on error, returning drops the channels and the threads wind down
                next += 1;
                let _ = slot_tx.send(());
            }
        }
        Ok(summary)
    })
}

/// Reads, decodes and extracts one document.
pub fn process(input: RawInput, pipeline: &Pipeline, encoding: EncodingMode) -> DocumentLine {
    let source = input.source;
    let failed = |error: String| DocumentLine {
        source: source.clone(),
        bytes: None,
        encoding: None,
        entities: None,
        error: Some(error),
    };
    let (text, encoding) = match input.content {
        Err(error) => return failed(error),
        Ok(Content::Text(text)) => (text, None),
        Ok(Content::Bytes(bytes)) => match decode(bytes, encoding) {
            Ok(decoded) => (decoded.text, decoded.encoding),
            Err(error) => return failed(error),
        },
    };
    let extraction = if input.html {
        let view = extract_text(&text);
        let mut extraction = pipeline.extract(&view.text);
        for entity in &mut extraction.entities {
            let (start, end) = (view.map_start(entity.start as usize), view.map_end(entity.end as usize));
            entity.start = start as u64;
            entity.end = end.max(start) as u64;
            entity.text = text[start..end.max(start)].to_owned();
        }
        glaneur_schema::output::sort_entities(&mut extraction.entities);
        extraction
    } else {
        pipeline.extract(&text)
    };
    DocumentLine {
        bytes: Some(text.len() as u64),
        encoding: encoding.map(str::to_owned),
        entities: Some(extraction.entities),
        error: (!extraction.errors.is_empty()).then(|| extraction.errors.join("; ")),
        source,
    }
}
