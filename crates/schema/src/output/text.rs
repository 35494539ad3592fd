//! [`EntityText`]: an entity's text, either its own string or nothing at
//! all when it is its document's bytes between the entity's offsets (what
//! the pipeline makes), read through the document's [`SharedText`] its
//! line holds ([`crate::output::DocumentLine::text_of`]).

use std::fmt;
use std::sync::Arc;

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A document's text as the run holds it from decoding on: the one string
/// the entities' texts are read from (their line holds it), shared by the
/// threads that read, extract and write it without a copy. A `String`
/// behind the count, not an `Arc<str>`, since a decoded text is a `String`
/// and making an `Arc<str>` of it copies it (all the text, and twice the
/// memory of a large document while both live).
pub type SharedText = Arc<String>;

/// An entity's text. The pipeline's entities hold none
/// ([`EntityText::IN_DOCUMENT`]): their text is their document's bytes
/// between their offsets, which their line's [`SharedText`] holds once for
/// all of them (a reference count per entity, taken and dropped with two
/// atomic operations, was the last shared cost of an entity). A text read
/// from JSON or written by hand holds its own string.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct EntityText(Option<Box<str>>);

impl EntityText {
    /// The text of an entity that is its document's bytes between its
    /// offsets.
    pub const IN_DOCUMENT: EntityText = EntityText(None);

    /// The text, `document[span]` when it has none of its own (empty when
    /// `span` is not within `document` on character boundaries).
    pub fn read_in<'a>(&'a self, document: &'a str, span: std::ops::Range<usize>) -> &'a str {
        match &self.0 {
            Some(own) => own,
            None => document.get(span).unwrap_or_default(),
        }
    }
}

impl From<&str> for EntityText {
    fn from(text: &str) -> Self {
        EntityText(Some(text.into()))
    }
}

impl From<String> for EntityText {
    fn from(text: String) -> Self {
        EntityText(Some(text.into_boxed_str()))
    }
}

/// As the string (what a `String` field printed), or `<in document>`.
impl fmt::Debug for EntityText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(own) => fmt::Debug::fmt(own, f),
            None => f.write_str("<in document>"),
        }
    }
}

/// Written as a JSON string when it is the entity's own; a text in its
/// document is written with its line ([`crate::output::DocumentLine`]'s
/// `Serialize`), which holds the document: alone, it is an error.
impl Serialize for EntityText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(own) => serializer.serialize_str(own),
            None => Err(S::Error::custom("an entity's text in its document is written with its line")),
        }
    }
}

/// Read from a JSON string, held as its own.
impl<'de> Deserialize<'de> for EntityText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(EntityText::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_in_its_document_reads_the_span() {
        let document = "Le « cloud » coûte 3 €.";
        assert_eq!(EntityText::IN_DOCUMENT.read_in(document, 3..14), "« cloud »");
        assert_eq!(EntityText::IN_DOCUMENT.read_in(document, 4..14), "", "inside «");
        assert_eq!(EntityText::IN_DOCUMENT.read_in(document, 20..40), "", "past the end");
        let own = EntityText::from("« cloud »");
        assert_eq!(own.read_in(document, 0..2), "« cloud »");
        assert_eq!(format!("{own:?}"), format!("{:?}", "« cloud »"));
        assert_eq!(serde_json::to_string(&own).expect("serialisable"), r#""« cloud »""#);
        assert!(serde_json::to_string(&EntityText::IN_DOCUMENT).is_err());
        let back: EntityText = serde_json::from_str(r#""« cloud »""#).expect("a string");
        assert_eq!(back, own);
    }
}
