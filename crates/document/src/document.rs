//! The document as every plugin sees it: a borrowed, FFI-safe view of the
//! text and of what the host read in it once.

use std::ops::Range;

use abi_stable::std_types::{RSlice, RStr};
use abi_stable::StableAbi;

use crate::language::Language;
use crate::token::{Bounds, Token};

/// A text with its tokens, folded words, sentences, paragraphs and
/// language, built once by the host ([`DocumentBuf`](crate::DocumentBuf))
/// and lent to every plugin.
///
/// API boundary: this crosses the plugin ABI by reference; its layout is
/// checked by abi_stable when a plugin loads.
#[repr(C)]
#[derive(StableAbi, Debug, Clone, Copy)]
pub struct Document<'a> {
    text: RStr<'a>,
    folded: RStr<'a>,
    tokens: RSlice<'a, Token>,
    sentences: RSlice<'a, Bounds>,
    paragraphs: RSlice<'a, Bounds>,
    language: Language,
}

impl<'a> Document<'a> {
    pub(crate) fn from_parts(
        text: &'a str,
        folded: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Bounds],
        paragraphs: &'a [Bounds],
        language: Language,
    ) -> Self {
        Document {
            text: RStr::from_str(text),
            folded: RStr::from_str(folded),
            tokens: RSlice::from_slice(tokens),
            sentences: RSlice::from_slice(sentences),
            paragraphs: RSlice::from_slice(paragraphs),
            language,
        }
    }

    /// The whole text; every offset is a byte offset into it.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.text.as_str()
    }

    /// The tokens, in order.
    #[inline]
    pub fn tokens(&self) -> &'a [Token] {
        self.tokens.as_slice()
    }

    /// The text of `token`.
    #[inline]
    pub fn text_of(&self, token: &Token) -> &'a str {
        &self.text()[token.span()]
    }

    /// The folded form of `token`: lower case, with `’` and `ʼ` as `'`,
    /// the form word lists are written in (what
    /// [`glaneur_text::folded`] gives).
    #[inline]
    pub fn folded_of(&self, token: &Token) -> &'a str {
        token.folded_in(self.text(), self.folded.as_str())
    }

    /// The bytes of `token`'s text.
    #[inline]
    pub(crate) fn bytes_of(&self, token: &Token) -> &'a [u8] {
        &self.text().as_bytes()[token.start()..token.end()]
    }

    /// The bytes of `token`'s folded form: [`Document::folded_of`]
    /// without the character boundary checks of a `str` slice, for a
    /// rule that only compares bytes (a word-list lookup).
    #[inline]
    pub fn folded_bytes_of(&self, token: &Token) -> &'a [u8] {
        token.folded_bytes_in(self.text().as_bytes(), self.folded.as_str().as_bytes())
    }

    /// The bytes a range of tokens covers (empty at the next token's start
    /// when the range is empty).
    pub fn byte_span(&self, tokens: Range<usize>) -> Range<usize> {
        let all = self.tokens();
        if tokens.start >= tokens.end {
            let at = all.get(tokens.start).map_or(self.text().len(), Token::start);
            return at..at;
        }
        all[tokens.start].start()..all[tokens.end - 1].end()
    }

    /// The index of the first token ending after byte `at`: the token
    /// holding `at`, or the next one (the number of tokens past the end).
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens().partition_point(|t| t.end() <= at)
    }

    /// Whether token `index` begins a word: a word or a number with no
    /// letter or digit glued before it (`H` of `H100`, not `100`; `État`
    /// of `l’État`).
    #[inline]
    pub fn starts_word(&self, index: usize) -> bool {
        let tokens = self.tokens();
        let alphanumeric = |t: &Token| t.is_word() || t.is_number();
        tokens.get(index).is_some_and(|t| {
            alphanumeric(t)
                && !(t.is_joined()
                    && index > 0
                    && alphanumeric(&tokens[index - 1])
                    && !tokens[index - 1].has(crate::Flags::ELIDED))
        })
    }

    /// The byte offsets where words begin ([`Document::starts_word`]), in
    /// order, each with whether the word begins with a capital or an ASCII
    /// digit: where a gazetteer's names may start
    /// (`glaneur_text::LongestMatcher::matches_at_words`).
    pub fn word_starts(&self) -> impl Iterator<Item = (usize, bool)> + 'a {
        self.word_starts_where(|_| true)
    }

    /// [`Document::word_starts`], but only the words whose token
    /// `may_start` takes: a gazetteer's cheap test of a word's first
    /// bytes, made before the test of a word start, since most words fail
    /// it.
    pub fn word_starts_where<'s>(
        &self,
        may_start: impl Fn(&Token) -> bool + 's,
    ) -> impl Iterator<Item = (usize, bool)> + 's
    where
        'a: 's,
    {
        let doc = *self;
        let bytes = self.text().as_bytes();
        self.tokens()
            .iter()
            .enumerate()
            .filter(move |&(i, t)| may_start(t) && doc.starts_word(i))
            .map(move |(_, t)| (t.start(), t.begins_with_capital(bytes)))
    }

    /// The sentences, as ranges of token indices, in order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = Range<usize>> + 'a {
        self.sentences.as_slice().iter().map(Bounds::range)
    }

    /// The sentence holding token `index`, as a range of token indices.
    pub fn sentence_of(&self, index: usize) -> Range<usize> {
        enclosing(self.sentences.as_slice(), index)
    }

    /// The paragraphs (separated by blank lines), as ranges of token
    /// indices, in order.
    pub fn paragraphs(&self) -> impl ExactSizeIterator<Item = Range<usize>> + 'a {
        self.paragraphs.as_slice().iter().map(Bounds::range)
    }

    /// The paragraph holding token `index`, as a range of token indices.
    pub fn paragraph_of(&self, index: usize) -> Range<usize> {
        enclosing(self.paragraphs.as_slice(), index)
    }

    /// The language of the text, guessed from its function words.
    #[inline]
    pub fn language(&self) -> Language {
        self.language
    }
}

/// The range of `bounds` (in order, covering every token) holding `index`;
/// empty past the last token.
fn enclosing(bounds: &[Bounds], index: usize) -> Range<usize> {
    let i = bounds.partition_point(|b| (b.end as usize) <= index);
    bounds.get(i).map_or(index..index, Bounds::range)
}
