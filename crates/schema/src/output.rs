//! The JSON Lines output contract of SPEC.md: one [`DocumentLine`] per
//! input document, in input order.
//!
//! This is a documented contract that users' scripts depend on. New optional
//! fields may appear; existing ones keep their names and meanings.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One output line: a processed document, or one that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentLine {
    /// The input path as given, `-` for stdin, or the JSONL record's `id`.
    pub source: String,
    /// Length in bytes of the text the offsets refer to (UTF-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// The encoding the document was transcoded from, when it was not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The entities, sorted by `start`, then by `end` descending. Absent on a
    /// document that could not be read; on a document where a plugin failed,
    /// the entities the other plugins found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<OutputEntity>>,
    /// Why the document (or part of it) could not be processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One entity as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputEntity {
    /// The kind (`money`, `organization`, `quotation`, `ai_model`, …).
    pub kind: String,
    /// UTF-8 byte offset of the first byte in the document as read.
    pub start: u64,
    /// UTF-8 byte offset one past the last byte.
    pub end: u64,
    /// The document's bytes between `start` and `end`.
    pub text: String,
    /// The plugin that produced it.
    pub extractor: String,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// The kind's own attributes (see [`crate::attrs`]).
    pub attrs: Map<String, Value>,
}

/// Sorts entities in output order: by `start`, then by `end` descending
/// (an enclosing entity before what it encloses).
pub fn sort_entities(entities: &mut [OutputEntity]) {
    entities.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
}
