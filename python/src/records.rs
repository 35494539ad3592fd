//! What Python hands in, as the host's documents: a `str`; `bytes` (decoded
//! as a file is: UTF-8, else the encoding detected); a mapping with `"text"`
//! and optionally `"id"` and `"format"` (`"html"`), as a JSON Lines record;
//! or an `(id, text)` pair. Whatever cannot be read becomes a document with
//! an error, as a malformed JSON Lines record does on the command line.

use glaneur::input::{Content, RawInput};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMapping, PyString, PyTuple};

/// One document from `item`, the `position`-th of its input (0-based): its
/// source is its id, else its position.
pub fn read(item: &Bound<'_, PyAny>, position: u64, id: Option<String>) -> RawInput {
    let default_source = || id.clone().unwrap_or_else(|| position.to_string());
    if let Ok(text) = item.cast::<PyString>() {
        return text_input(default_source(), false, text);
    }
    if let Ok(bytes) = item.cast::<PyBytes>() {
        return RawInput::new(default_source(), false, Ok(Content::Bytes(bytes.as_bytes().to_vec())));
    }
    if let Ok(pair) = item.cast::<PyTuple>() {
        if pair.len() == 2 {
            let (Ok(id), Ok(text)) = (pair.get_item(0), pair.get_item(1)) else {
                unreachable!("a tuple of two has items 0 and 1")
            };
            let source = match source_of(&id) {
                Some(source) => source,
                None if id.is_none() => default_source(),
                None => return failed(default_source(), "the pair's id is neither a str nor an int"),
            };
            return match text.cast::<PyString>() {
                Ok(text) => text_input(source, false, text),
                Err(_) => failed(source, "the pair's text is not a str"),
            };
        }
    }
    // A mapping: a dict, a pandas row, a Spark Row…
    let is_mapping = item.cast::<PyMapping>().is_ok() || item.hasattr("__getitem__").unwrap_or(false);
    let source = match item.get_item("id") {
        Ok(id) if !id.is_none() => match source_of(&id) {
            Some(source) => source,
            None => return failed(default_source(), "the record's \"id\" is neither a str nor an int"),
        },
        _ => default_source(),
    };
    let text = match item.get_item("text") {
        Ok(text) => text,
        Err(_) if is_mapping => return failed(source, "the record has no \"text\""),
        Err(_) => {
            let kind = item.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            let expected = "a document is a str, bytes, a mapping with \"text\" or an (id, text) pair";
            return failed(source, &format!("{expected}, not {kind}"));
        }
    };
    let html = item.get_item("format").ok().and_then(|f| f.extract::<String>().ok()).as_deref() == Some("html");
    match text.cast::<PyString>() {
        Ok(text) => text_input(source, html, text),
        Err(_) => failed(source, "the record's \"text\" is not a str"),
    }
}

/// A document's name from an id given in Python: a str, or an int written
/// in decimal (as the command line writes a JSON number id).
pub fn source_of(id: &Bound<'_, PyAny>) -> Option<String> {
    if id.is_instance_of::<PyString>() {
        return id.extract::<String>().ok();
    }
    if id.is_instance_of::<pyo3::types::PyBool>() {
        return None;
    }
    id.extract::<i128>().ok().map(|n| n.to_string())
}

/// A `str` as a document; one with lone surrogates (which UTF-8 cannot
/// hold) is an error.
fn text_input(source: String, html: bool, text: &Bound<'_, PyString>) -> RawInput {
    match text.extract::<String>() {
        Ok(text) => RawInput::new(source, html, Ok(Content::Text(text))),
        Err(e) => failed(source, &format!("the text is not valid Unicode: {e}")),
    }
}

fn failed(source: String, error: &str) -> RawInput {
    RawInput::new(source, false, Err(error.to_owned()))
}
