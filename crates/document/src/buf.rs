//! Building a document: the one pass the host makes over each text.

use std::fmt;

use crate::document::Document;
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
        if u32::try_from(text.len()).is_err() {
            return Err(TooLarge { bytes: text.len() });
        }
        // A word in five or so has a capital: room for their folded forms.
        let mut folded = String::with_capacity(text.len() / 4);
        let Tokenized { mut tokens, breaks, paragraphs, guess } = tokenize(text, &mut folded);
        let sentences = sentences(text, &mut tokens, &breaks, &folded);
        let language = guess.language();
        Ok(DocumentBuf { text, folded, tokens, sentences, paragraphs, language })
    }

    /// The document, to lend to plugins.
    pub fn document(&self) -> Document<'_> {
        Document::from_parts(self.text, &self.folded, &self.tokens, &self.sentences, &self.paragraphs, self.language)
    }
}
