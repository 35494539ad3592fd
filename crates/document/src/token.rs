//! One token of a document: its byte span, what kind of token it is, and
//! what the rules ask of it most (capitalised? glued to the one before?).

use std::ops::Range;

use abi_stable::StableAbi;

/// What a token is.
///
/// Words and numbers are homogeneous runs: `H100` is the word `H` and the
/// number `100`, the second [joined](Token::is_joined) to the first, so a
/// rule that reads `GPT-4o` or `2,75` puts it together from the tokens.
#[repr(u8)]
#[derive(StableAbi, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of letters (combining accents included), with the apostrophe
    /// of a French elision when it ends one (`l'`, `qu’`).
    Word,
    /// A run of digits (`2026`, `٤٠`); separators are tokens of their own.
    Number,
    /// One punctuation character: `.`, `,`, `-`, `(`, `…`, an apostrophe
    /// inside a word (`O'Brien`, `Nvidia’s`).
    Punct,
    /// One quotation mark: `«`, `»`, `“`, `”`, `"`, a single quote that
    /// stands outside a word.
    Quote,
    /// One symbol: a currency sign, `%`, `&`, `+`, `°`, an emoji.
    Symbol,
}

/// A token's flags, a set of bits.
#[repr(transparent)]
#[derive(StableAbi, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u8);

impl Flags {
    /// No whitespace between the previous token and this one.
    pub const JOINED: Flags = Flags(1);
    /// A line break in the whitespace before this token.
    pub const LINE_START: Flags = Flags(1 << 1);
    /// A word whose first letter is a capital.
    pub const CAPITALISED: Flags = Flags(1 << 2);
    /// A word with a capital and no lower-case letter (`NVIDIA`, `A`).
    pub const ALL_CAPITALS: Flags = Flags(1 << 3);
    /// A word ending with the apostrophe of an elision (`l'`, `d’`).
    pub const ELIDED: Flags = Flags(1 << 4);
    /// The first token of a sentence.
    pub const SENTENCE_START: Flags = Flags(1 << 5);
    /// The first token of a paragraph (after a blank line).
    pub const PARAGRAPH_START: Flags = Flags(1 << 6);
    /// The folded form differs from the text and is kept beside it.
    pub(crate) const FOLDED: Flags = Flags(1 << 7);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub(crate) fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    /// Whether any flag of `other` is set.
    pub(crate) fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    /// These flags but those of `other`.
    pub(crate) fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;

    fn bitor(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// One token: a span of the text (byte offsets), its kind and flags.
///
/// Read its text and folded form through the [`Document`](crate::Document)
/// it belongs to.
#[repr(C)]
#[derive(StableAbi, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// The folded form's span in the document's folded buffer, when
    /// [`Flags::FOLDED`] is set.
    fold_start: u32,
    fold_end: u32,
    kind: TokenKind,
    flags: Flags,
    /// For a word, the [form key](crate::form_key) of its folded form
    /// (0 for another token), in what would be the struct's padding.
    key: u16,
}

impl Token {
    pub(crate) fn new(start: usize, end: usize, kind: TokenKind, flags: Flags) -> Token {
        // The builder refuses texts whose offsets do not fit.
        Token { start: start as u32, end: end as u32, fold_start: 0, fold_end: 0, kind, flags, key: 0 }
    }

    /// This word with `key`, its folded form's
    /// [form key](crate::form_key::form_key).
    #[inline]
    pub(crate) fn with_key(mut self, key: u16) -> Token {
        self.key = key;
        self
    }

    /// For a word, its folded form's key ([`crate::key_of_form`]); 0 for
    /// another token, the key of no form. A plugin's filter of the words
    /// it looks for tests it before the word is read.
    #[inline]
    pub fn form_key(&self) -> u16 {
        self.key
    }

    /// This token with its folded form at `span` in the folded buffer, if
    /// it has one apart from its text.
    #[inline]
    pub(crate) fn with_folded(self, span: Option<Range<usize>>) -> Token {
        match span {
            Some(span) => self.folded_at(span),
            None => self,
        }
    }

    /// This token with its folded form at `span` in the folded buffer.
    #[inline]
    pub(crate) fn folded_at(mut self, span: Range<usize>) -> Token {
        self.fold_start = span.start as u32;
        self.fold_end = span.end as u32;
        self.flags.insert(Flags::FOLDED);
        self
    }

    /// Whether the token begins with a capital or an ASCII digit, as every
    /// case of a name does; `text` is its document's text.
    #[inline]
    pub fn begins_with_capital(&self, text: &[u8]) -> bool {
        self.is_capitalised() || text[self.start()].is_ascii_digit()
    }

    pub(crate) fn insert(&mut self, flags: Flags) {
        self.flags.insert(flags);
    }

    /// Byte offset of the first byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last byte.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte span.
    #[inline]
    pub fn span(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// What the token is.
    #[inline]
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// All its flags.
    #[inline]
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// Whether it carries every flag of `flags`.
    #[inline]
    pub fn has(&self, flags: Flags) -> bool {
        self.flags.contains(flags)
    }

    /// A word (letters).
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// A number (digits).
    #[inline]
    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    /// No whitespace between the previous token and this one.
    #[inline]
    pub fn is_joined(&self) -> bool {
        self.has(Flags::JOINED)
    }

    /// A word whose first letter is a capital.
    #[inline]
    pub fn is_capitalised(&self) -> bool {
        self.has(Flags::CAPITALISED)
    }

    /// The first token after a line break.
    #[inline]
    pub fn is_line_start(&self) -> bool {
        self.has(Flags::LINE_START)
    }

    /// Its folded form's bytes, given the text and folded buffer it
    /// indexes: what a word-list lookup compares, without the character
    /// boundary checks of a `str` slice.
    #[inline]
    pub(crate) fn folded_bytes_in<'s>(&self, text: &'s [u8], folded: &'s [u8]) -> &'s [u8] {
        match self.fold_range() {
            Some(range) => &folded[range],
            None => &text[self.span()],
        }
    }

    /// Its folded form, given the text and folded buffer it indexes.
    #[inline]
    pub(crate) fn folded_in<'s>(&self, text: &'s str, folded: &'s str) -> &'s str {
        match self.fold_range() {
            Some(range) => &folded[range],
            None => &text[self.span()],
        }
    }

    /// Where its folded form is in the folded buffer, when it differs from
    /// the text.
    #[inline]
    fn fold_range(&self) -> Option<Range<usize>> {
        self.has(Flags::FOLDED).then_some(self.fold_start as usize..self.fold_end as usize)
    }
}

/// A range of token indices (a sentence, a paragraph).
#[repr(C)]
#[derive(StableAbi, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The first token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
}

impl Bounds {
    /// The token indices, as a range.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.first as usize..self.end as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Token;

    /// A word's form key sits in what was padding: the token, which every
    /// plugin reads by the thousand, is no larger.
    #[test]
    fn a_token_is_twenty_bytes() {
        assert_eq!(std::mem::size_of::<Token>(), 20);
    }
}
