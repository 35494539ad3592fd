//! Building a document: the one pass the host makes over each text.

use std::fmt;

use crate::document::Document;
use crate::language::{Guess, REACH};
use crate::sentences::{paragraphs, sentences};
use crate::token::{Bounds, Token};
use crate::tokenize::tokenize;

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
        let mut folded = String::new();
        let mut tokens = tokenize(text, &mut folded);
        let sentences = sentences(text, &mut tokens, &folded);
        let paragraphs = paragraphs(&tokens);
        let mut guess = Guess::default();
        for t in tokens.iter().take_while(|t| t.end() <= REACH).filter(|t| t.is_word()) {
            guess.count(t.folded_in(text, &folded));
        }
        let language = guess.language();
        Ok(DocumentBuf { text, folded, tokens, sentences, paragraphs, language })
    }

    /// The document, to lend to plugins.
    pub fn document(&self) -> Document<'_> {
        Document::from_parts(self.text, &self.folded, &self.tokens, &self.sentences, &self.paragraphs, self.language)
    }
}
