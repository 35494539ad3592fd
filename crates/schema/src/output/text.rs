//! [`EntityText`]: an entity's text, a span of a string the entities of one
//! document share ([`SharedText`]) rather than a string allocated for each.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A document's text as the run holds it from decoding on: shared by the
/// entities whose texts are spans of it ([`EntityText::span_of`]) without a
/// copy. A `String` behind the count, not an `Arc<str>`, since a decoded
/// text is a `String` and making an `Arc<str>` of it copies it (all the
/// text, and twice the memory of a large document while both live).
pub type SharedText = Arc<String>;

/// An entity's text (the document's bytes between its offsets), read as a
/// `&str` (it derefs to one). The pipeline gives every entity of a document
/// a span of the document's [`SharedText`]: a string allocated, copied and
/// freed per entity was a tenth of the host's work on a document. A text
/// made from a string (read from JSON, written by hand) holds it whole.
#[derive(Clone)]
pub struct EntityText {
    /// The string the text is a span of.
    shared: SharedText,
    /// Where in `shared`: on character boundaries (each constructor checks).
    span: Range<usize>,
}

impl EntityText {
    /// The text `shared[span]`, sharing `shared` (a reference count, no
    /// copy); `None` when `span` is not within it on character boundaries.
    pub fn span_of(shared: &SharedText, span: Range<usize>) -> Option<Self> {
        shared.get(span.clone())?;
        Some(EntityText { shared: Arc::clone(shared), span })
    }

    /// A copy of a document's `text` its entities' texts can be spans of
    /// ([`EntityText::span_of`]), for a caller that holds the text only as
    /// a `&str`: empty when it has no entity (`any` false), which spares
    /// copying a document nothing will point into.
    pub fn shared_copy(text: &str, any: bool) -> SharedText {
        Arc::new(if any { text.to_owned() } else { String::new() })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Constructors keep the span within `shared` on boundaries: never
        // the empty default in practice.
        self.shared.get(self.span.clone()).unwrap_or_default()
    }
}

impl Deref for EntityText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for EntityText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for EntityText {
    fn from(text: &str) -> Self {
        EntityText::from(text.to_owned())
    }
}

impl From<String> for EntityText {
    fn from(text: String) -> Self {
        EntityText { span: 0..text.len(), shared: Arc::new(text) }
    }
}

impl PartialEq for EntityText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for EntityText {}

impl PartialEq<str> for EntityText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for EntityText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// As the string (what a `String` field printed).
impl fmt::Debug for EntityText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for EntityText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Written as a JSON string.
impl Serialize for EntityText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Read from a JSON string, held whole.
impl<'de> Deserialize<'de> for EntityText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(EntityText::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_as_the_text_it_covers() {
        let shared: SharedText = Arc::new("Le « cloud » coûte 3 €.".into());
        let cloud = EntityText::span_of(&shared, 3..14).expect("on boundaries");
        assert_eq!(cloud, "« cloud »");
        assert_eq!(cloud, EntityText::from("« cloud »"));
        assert_eq!(format!("{cloud:?}"), format!("{:?}", "« cloud »"));
        assert_eq!(serde_json::to_string(&cloud).expect("serialisable"), r#""« cloud »""#);
        let back: EntityText = serde_json::from_str(r#""« cloud »""#).expect("a string");
        assert_eq!(back, cloud);
        assert!(EntityText::span_of(&shared, 4..14).is_none(), "inside «");
        assert!(EntityText::span_of(&shared, 20..40).is_none(), "past the end");
        assert_eq!(EntityText::span_of(&shared, 5..5).expect("empty").as_str(), "");
    }
}
