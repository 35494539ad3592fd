//! The invariants every fuzz target checks: whatever the input, entities
//! are within the text, on character boundaries, and their attributes are
//! valid for their kind (SPEC.md).

use glaneur_schema::attrs::validate;
use glaneur_schema::Entity;

/// Panics (the fuzzer's signal) if an entity breaks the output contract.
pub fn check(text: &str, entities: &[Entity]) {
    for e in entities {
        let (start, end) = (e.span.start, e.span.end);
        assert!(start <= end && end <= text.len(), "{} span {start}..{end} outside {} bytes", e.kind, text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{} span {start}..{end} off char boundaries", e.kind);
        assert!((0.0..=1.0).contains(&e.confidence), "{} confidence {}", e.kind, e.confidence);
        // The text that crosses the boundary (`into_ffi` moves it as it is).
        if let Err(why) = validate(&e.kind, e.attrs.as_str()) {
            panic!("{why}");
        }
    }
}

/// The input as text, if it is UTF-8 (the host decodes before plugins run).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Panics unless `start..end` is a non-empty slice of `text` on character
/// boundaries.
pub fn check_span(text: &str, start: usize, end: usize) {
    assert!(start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
}

/// The capitalised words of `text` as (start, end): a capital that no
/// letter or digit is glued to before it, up to the next character that is
/// neither — stand-ins for names found by an earlier plugin.
pub fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.char_indices().filter(|(i, c)| c.is_uppercase() && !text[..*i].ends_with(char::is_alphanumeric)).map(
        move |(start, _)| {
            let end = text[start..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |e| start + e);
            (start, end)
        },
    )
}
