//! Building a document: the one pass the host makes over each text.

use std::fmt;

use crate::document::Document;
use crate::room::DocumentRoom;
use crate::sentences::sentences;
use crate::token::{Bounds, Token};
use crate::tokenize::{tokenize, Tokenized};

/// A text read once: owns what a [`Document`] lends.
#[derive(Debug, Clone)]
pub struct DocumentBuf<'a> {
    text: &'a str,
    folded: String,
    tokens: Vec<Token>,
    sentences: Vec<Bounds>,
    paragraphs: Vec<Bounds>,
    language: crate::Language,
    /// The tokens a sentence may end at, found by the tokeniser and read
    /// by `sentences`: kept for its room, for the next build
    /// ([`DocumentBuf::into_room`] empties it).
    breaks: Vec<u32>,
}

/// A text too long for a document's 32-bit offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// Its length in bytes.
    pub bytes: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "document of {} bytes: the most glaneur reads as one document is {} bytes", self.bytes, u32::MAX)
    }
}

impl std::error::Error for TooLarge {}

impl<'a> DocumentBuf<'a> {
    /// Reads `text`: tokens, folded forms, sentences, paragraphs, language.
    pub fn new(text: &'a str) -> Result<Self, TooLarge> {
        Self::new_in(text, DocumentRoom::default())
    }

    /// [`DocumentBuf::new`] in the buffers of `room` (taken back with
    /// [`DocumentBuf::into_room`]): a caller reading many texts allocates
    /// only when one needs more room than those before it.
    pub fn new_in(text: &'a str, room: DocumentRoom) -> Result<Self, TooLarge> {
        if u32::try_from(text.len()).is_err() {
            return Err(TooLarge { bytes: text.len() });
        }
        // A room from outside the crate is empty: `Default`, or `into_room`'s.
        let DocumentRoom { mut folded, tokens, breaks, sentences: bounds, paragraphs } = room;
        // A word in five or so has a capital: room for their folded forms.
        folded.reserve(text.len() / 4);
        let Tokenized { mut tokens, breaks, paragraphs, guess } =
            tokenize(text, &mut folded, tokens, breaks, paragraphs);
        let sentences = sentences(text, &mut tokens, &breaks, &folded, bounds);
        let language = guess.language();
        Ok(DocumentBuf { text, folded, tokens, sentences, paragraphs, language, breaks })
    }

    /// Its buffers, emptied, for [`DocumentBuf::new_in`] to read the next
    /// text in (those a huge text grew are freed instead).
    pub fn into_room(self) -> DocumentRoom {
        let DocumentBuf { folded, tokens, sentences, paragraphs, breaks, .. } = self;
        DocumentRoom { folded, tokens, breaks, sentences, paragraphs }.emptied()
    }

    /// The document, to lend to plugins.
    pub fn document(&self) -> Document<'_> {
        Document::from_parts(self.text, &self.folded, &self.tokens, &self.sentences, &self.paragraphs, self.language)
    }
}
