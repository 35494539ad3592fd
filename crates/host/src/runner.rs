//! The run: documents read on one thread, extracted on `jobs` worker
//! threads, written on the caller's thread in input order.
//!
//! Documents travel in batches (up to [`BATCH_DOCS`] documents or
//! [`BATCH_BYTES`] bytes): handing each small document between threads on its
//! own cost more than extracting from it.
//!
//! Architecture invariant: memory is bounded by the largest document, not
//! the corpus. At most `4 × jobs` batches exist at once (read, being
//! extracted, or waiting for their turn to be written); the reader waits for
//! a written batch's slot before reading the next. As many written batches
//! may wait for a worker to free them: a worker frees what it allocated
//! (each entity's strings) faster than another thread, whose frees the
//! allocator hands back to the allocating thread one by one; it frees the
//! written batches before it extracts the next.

use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

use crossbeam_channel::bounded;
use glaneur_schema::output::{DocumentLine, EntityText, SharedText};

use crate::html::{extract, HtmlMode, HtmlText};
use crate::input::{decode_declared, Content, EncodingMode, RawInput};
use crate::pipeline::{Extract, Extraction};

/// Most documents in one batch.
pub const BATCH_DOCS: usize = 64;
/// Most bytes in one batch (a larger document travels alone).
pub const BATCH_BYTES: usize = 1 << 20;

/// Whether a batch of `docs` documents and `bytes` bytes is full.
pub fn batch_full(docs: usize, bytes: usize) -> bool {
    docs >= BATCH_DOCS || bytes >= BATCH_BYTES
}

/// Whether a document of `size` bytes goes in a new batch rather than in
/// one of `docs` documents and `bytes` bytes: a large document travels
/// alone.
pub fn starts_a_batch(docs: usize, bytes: usize, size: usize) -> bool {
    docs > 0 && bytes + size > BATCH_BYTES
}

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Worker threads extracting in parallel (at least 1).
    pub jobs: usize,
    /// How bytes become text.
    pub encoding: EncodingMode,
    /// What of an HTML page to read.
    pub html: HtmlMode,
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Documents written.
    pub documents: u64,
    /// Of those, documents written with an error.
    pub failed: u64,
}

/// A document's result: its line, which holds its text (empty when it
/// could not be read), which the writers that show the text (HTML) or
/// quote it (summaries) need.
#[derive(Debug)]
pub struct Processed {
    /// The output line.
    pub line: DocumentLine,
}

impl Processed {
    /// The text the offsets refer to (as read: the original for HTML),
    /// which the entities' texts are read from: the line's `document`.
    pub fn text(&self) -> &SharedText {
        &self.line.document
    }
}

/// Runs `pipeline` over `inputs`, passing each document to `write` in input
/// order. Stops early only if `write` fails.
pub fn run<I, W>(inputs: I, pipeline: &dyn Extract, options: RunOptions, mut write: W) -> io::Result<Summary>
where
    I: Iterator<Item = RawInput> + Send,
    W: FnMut(&Processed) -> io::Result<()>,
{
    let jobs = options.jobs.max(1);
    let in_flight = jobs * 4;
    let (slot_tx, slot_rx) = bounded::<()>(in_flight);
    let (work_tx, work_rx) = bounded::<(u64, Vec<RawInput>)>(in_flight);
    let (done_tx, done_rx) = bounded::<(u64, Vec<Processed>)>(in_flight);
    // Written batches, for a worker to free.
    let (spent_tx, spent_rx) = bounded::<Vec<Processed>>(in_flight);
    for _ in 0..in_flight {
        slot_tx.send(()).expect("the slot channel has room for every slot");
    }

    // Everything moves into the scope closure, so that an early return
    // drops the channel ends and unblocks the reader and the workers.
    std::thread::scope(move |scope| {
        scope.spawn(move || {
            let mut inputs = inputs.peekable();
            for seq in 0u64.. {
                if inputs.peek().is_none() {
                    break;
                }
                // Wait for a free slot; a closed channel means the writer stopped.
                if slot_rx.recv().is_err() {
                    break;
                }
                let mut batch = Vec::new();
                let mut bytes = 0;
                while !batch_full(batch.len(), bytes) {
                    let next_size = inputs.peek().map_or(0, RawInput::size);
                    if starts_a_batch(batch.len(), bytes, next_size) {
                        break;
                    }
                    let Some(mut input) = inputs.next() else { break };
                    bytes += input.size();
                    input.content = input.content.map(|content| content.utf8_read(options.encoding));
                    batch.push(input);
                }
                if work_tx.send((seq, batch)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            let spent_rx = spent_rx.clone();
            scope.spawn(move || {
                for (seq, batch) in work_rx {
                    spent_rx.try_iter().for_each(drop);
                    let lines = process_batch(batch, pipeline, options.encoding, options.html);
                    if done_tx.send((seq, lines)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        let mut summary = Summary::default();
        let mut waiting: BTreeMap<u64, Vec<Processed>> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, lines) in done_rx.iter() {
            waiting.insert(seq, lines);
            while let Some(lines) = waiting.remove(&next) {
                for done in &lines {
                    // A document a worker was on at Ctrl-C: left for `--resume`.
                    if done.line.error.as_deref() == Some(crate::interrupt::UNFINISHED) {
                        continue;
                    }
                    summary.documents += 1;
                    summary.failed += u64::from(done.line.error.is_some());
                    write(done)?; // on error, returning drops the channels and the threads wind down
                }
                next += 1;
                let _ = slot_tx.send(());
                // Freed here only when the workers have as many to free.
                let _ = spent_tx.try_send(lines);
            }
        }
        Ok(summary)
    })
}

/// Reads, decodes and extracts one document.
pub fn process(input: RawInput, pipeline: &dyn Extract, encoding: EncodingMode, html: HtmlMode) -> Processed {
    process_batch(vec![input], pipeline, encoding, html).pop().unwrap_or_else(|| unreachable!("one input, one result"))
}

/// A document read and decoded, before extraction: what its line needs,
/// its text, and for HTML the text the plugins read (taken out of the
/// view, shared as the text is) and the view that maps its offsets back.
struct Prepared {
    source: String,
    warc_record_id: Option<String>,
    date: Option<String>,
    text: SharedText,
    encoding: Option<&'static str>,
    html: Option<HtmlText>,
}

/// Reads, decodes and extracts a batch of documents, in order; the
/// extraction of the whole batch is one call of `pipeline` (one exchange
/// with a worker process).
pub fn process_batch(
    batch: Vec<RawInput>,
    pipeline: &dyn Extract,
    encoding: EncodingMode,
    mode: HtmlMode,
) -> Vec<Processed> {
    let prepared: Vec<Result<Prepared, Box<Processed>>> =
        batch.into_iter().map(|input| prepare(input, encoding, mode)).collect();
    let texts: Vec<&str> = prepared
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .map(|p| p.html.as_ref().map_or(&**p.text, |view| &view.text))
        .collect();
    let mut extractions = pipeline.extract_batch(&texts).into_iter();
    prepared
        .into_iter()
        .map(|p| match p {
            Err(failed) => *failed,
            Ok(p) => finish(p, extractions.next().unwrap_or_default()),
        })
        .collect()
}

/// Reads and decodes one document; `Err` is its error line.
fn prepare(input: RawInput, encoding: EncodingMode, mode: HtmlMode) -> Result<Prepared, Box<Processed>> {
    let RawInput { source, html, charset, warc_record_id, date, content } = input;
    let failed = |error: String| {
        Box::new(Processed {
            line: DocumentLine {
                source: source.clone(),
                warc_record_id: warc_record_id.clone(),
                date: date.clone(),
                bytes: None,
                encoding: None,
                entities: None,
                error: Some(error),
                document: SharedText::default(),
            },
        })
    };
    let (text, encoding) = match content {
        Err(error) => return Err(failed(error)),
        Ok(Content::Text(text)) => (text, None),
        Ok(Content::Bytes(bytes)) => match decode_declared(bytes, encoding, charset) {
            Ok(decoded) => (decoded.text, decoded.encoding),
            Err(error) => return Err(failed(error)),
        },
    };
    let html = html.then(|| extract(&text, mode));
    Ok(Prepared { source, warc_record_id, date, text: Arc::new(text), encoding, html })
}

/// The line of a document from its extraction (offsets mapped back to the
/// original bytes for HTML).
fn finish(p: Prepared, mut extraction: Extraction) -> Processed {
    let Prepared { source, warc_record_id, date, text, encoding, html } = p;
    if let Some(view) = html {
        // The entities' texts become spans of the original.
        for entity in &mut extraction.entities {
            let (start, end) = (view.map_start(entity.start as usize), view.map_end(entity.end as usize));
            entity.start = start as u64;
            entity.end = end.max(start) as u64;
            // The view maps offsets to character boundaries of the original,
            // which the line holds: the texts are read from it (both
            // `Extract`s leave them there).
            debug_assert!(entity.text == EntityText::IN_DOCUMENT, "an entity's text is in the document");
        }
        glaneur_schema::output::sort_entities(&mut extraction.entities);
    }
    let line = DocumentLine {
        bytes: Some(text.len() as u64),
        encoding: encoding.map(str::to_owned),
        entities: Some(extraction.entities),
        error: (!extraction.errors.is_empty()).then(|| extraction.errors.join("; ")),
        source,
        warc_record_id,
        date,
        document: text,
    };
    Processed { line }
}
