//! Prints one 64-bit hash of everything `DocumentBuf::new` reads in a
//! corpus — each token's span, kind, flags and folded form, the sentence
//! and paragraph bounds, the language — to check that a change to the
//! tokeniser leaves its output exactly as it was.
//!
//! `cargo run --release -p glaneur-document --example dump -- FILE...`:
//! a `.jsonl` file is one document per line (its `text` field), any other
//! file one document.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use glaneur_document::DocumentBuf;

fn main() {
    for path in std::env::args().skip(1) {
        let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let texts: Vec<String> = if path.ends_with(".jsonl") {
            content
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let value: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}"));
                    value["text"].as_str().unwrap_or_default().to_owned()
                })
                .collect()
        } else {
            vec![content]
        };
        let mut hasher = DefaultHasher::new();
        let mut tokens = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a document fits");
            let doc = buf.document();
            for t in doc.tokens() {
                (t.start(), t.end(), t.kind(), t.flags(), doc.folded_of(t)).hash(&mut hasher);
            }
            doc.tokens().len().hash(&mut hasher);
            doc.sentences().collect::<Vec<_>>().hash(&mut hasher);
            doc.paragraphs().collect::<Vec<_>>().hash(&mut hasher);
            doc.language().hash(&mut hasher);
            tokens += doc.tokens().len();
        }
        println!("{:016x}  {} documents, {tokens} tokens  {path}", hasher.finish(), texts.len());
    }
}
