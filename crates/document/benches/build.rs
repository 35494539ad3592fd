//! How fast the host reads a document: `DocumentBuf::new_in` over a
//! corpus, document by document, in the room kept from the document before
//! (as the host's workers build them), in bytes per second.
//!
//! The corpus is `GLANEUR_BENCH_CORPUS` (JSON Lines with a `text` field;
//! `cargo xtask bench` passes its generated sample), else the seeds,
//! repeated to 10 MB.

use divan::counter::BytesCount;
use divan::Bencher;
use glaneur_document::{DocumentBuf, DocumentRoom};

fn main() {
    divan::main();
}

/// The texts to read.
fn corpus() -> Vec<String> {
    if let Some(path) = std::env::var_os("GLANEUR_BENCH_CORPUS") {
        let records = glaneur_testdata::read_jsonl(std::path::Path::new(&path));
        return records.iter().filter_map(|r| r["text"].as_str()).map(str::to_owned).collect();
    }
    let seeds: Vec<String> = glaneur_testdata::seeds().into_iter().map(|(_, text)| text).collect();
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < 10_000_000 {
        for text in &seeds {
            bytes += text.len();
            out.push(text.clone());
        }
    }
    out
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn build(bencher: Bencher) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let (mut tokens, mut room) = (0, DocumentRoom::default());
        for text in &texts {
            let doc = DocumentBuf::new_in(text, room).expect("a corpus document fits");
            tokens += doc.document().tokens().len();
            room = doc.into_room();
        }
        tokens
    });
}
