//! [`FirstWords`]: the words a form of the gazetteer may begin with, by
//! their form key, so that the pass over a document's tokens refuses most
//! words by one bit test of the key the token carries, without reading the
//! word.

use std::borrow::Cow;

use glaneur_lexicon::BitSet;
use glaneur_schema::{key_of_form, DocumentBuf, Token, TokenKind};
use glaneur_text::case_variants;
#[cfg(doc)]
use glaneur_text::LongestMatcher;

/// How many 64-bit words hold a bit per form key (16 bits).
const KEY_WORDS: usize = (1 << 16) / 64;

/// The slot of a number token in [`FirstWords::slots`]: word keys are odd
/// and other tokens have key 0, so an even slot is free for numbers.
const NUMBER: usize = 2;

/// The form keys of the first words of every spelling a matcher matches,
/// and of numbers, which are let through (their keys are 0, and few start
/// a word).
///
/// A form that matches where a word token begins, and may be kept there,
/// begins with that token's word: the text and the form spell the same
/// characters but for ASCII case, so the tokeniser cuts them alike, but
/// where the form ends. If it ends inside the token, the token's next
/// character is a letter (the match is no whole word, nor any shorter one
/// inside it), a combining accent (see
/// [`FirstWords::may_be_misled_by`]), or the apostrophe of an elision (the
/// form is the token's word without it: both keys are kept). Nor does a
/// place refused change where the matcher tries next: a form matched there
/// would end inside the token.
pub(super) struct FirstWords {
    /// The slots ([`FirstWords::slot`]) of the tokens a form may begin with.
    slots: BitSet<KEY_WORDS>,
}

impl FirstWords {
    /// The first words of `patterns`, matched as a [`LongestMatcher`]
    /// matches them: in any ASCII case, and in their [`case_variants`].
    pub(super) fn of(patterns: &[String]) -> Result<Self, String> {
        // One document of them all, read once: a line for each pattern's
        // beginning up to its first space (no token spans a space), none
        // for a beginning the same as the one before (`Microsoft`,
        // `Microsoft Corp.`), then the case variants of that beginning
        // (those of the pattern's beginning).
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut last = "";
        for pattern in patterns {
            let first = pattern.split(' ').next().unwrap_or_default();
            if first == last {
                continue;
            }
            last = first;
            for spelling in
                std::iter::once(Cow::Borrowed(first)).chain(case_variants(first).into_iter().map(Cow::Owned))
            {
                starts.push(text.len());
                text.push_str(&spelling);
                text.push('\n');
            }
        }
        let buf = DocumentBuf::new(&text).map_err(|e| format!("the gazetteer's forms: {e}"))?;
        let doc = buf.document();
        let mut slots = vec![NUMBER];
        let mut elided = String::new();
        for start in starts {
            let Some(first) = doc.tokens().get(doc.token_at(start)) else { continue };
            if first.start() != start || first.kind() != TokenKind::Word {
                continue;
            }
            // The word with and without the apostrophe of an elision: a
            // form `L` may match `L’` in a text, and `L’` an `L` before a
            // quote.
            let word = doc.folded_of(first).trim_end_matches('\'');
            elided.clear();
            elided.push_str(word);
            elided.push('\'');
            slots.push(usize::from(key_of_form(word)));
            slots.push(usize::from(key_of_form(&elided)));
        }
        Ok(FirstWords { slots: BitSet::new(slots) })
    }

    /// Whether a form may begin at token `t`, if it begins a word: a word
    /// one of the forms begins with (or whose key is that of one), or a
    /// number. One load and test for any token.
    #[inline]
    pub(super) fn may_begin(&self, t: &Token) -> bool {
        self.slots.contains(Self::slot(t))
    }

    /// The slot of token `t`: a word's form key (odd), [`NUMBER`] for a
    /// number, 0 for any other token.
    #[inline]
    fn slot(t: &Token) -> usize {
        usize::from(t.form_key()) | (usize::from(t.kind() == TokenKind::Number) * NUMBER)
    }

    /// Whether the text holds a character the filter may be misled by: a
    /// combining accent (U+0300 to U+036F: its bytes begin 0xCC or 0xCD),
    /// which a word token holds but which [`glaneur_text::is_whole_word`]
    /// does not take for a letter (`Orange` in a decomposed `Orangé`).
    /// Such texts are read without the filter.
    pub(super) fn may_be_misled_by(text: &str) -> bool {
        memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some()
    }
}
