//! [`FirstWords`]: the words a form of the gazetteer may begin with, by
//! their form key, so that the pass over a document's tokens refuses most
//! words by one bit test of the key the token carries, without reading the
//! word; and, for the few let through, the words that may come second.
//! The same pass notes where other phrases (`unseen`'s word lists) may
//! begin, so that the tokens are read once.

use std::borrow::Cow;

use glaneur_lexicon::BitSet;
use glaneur_schema::{key_of_form, Document, DocumentBuf, Token, TokenKind};
use glaneur_text::case_variants;
#[cfg(doc)]
use glaneur_text::LongestMatcher;

/// How many 64-bit words hold a bit per form key (16 bits).
const KEY_WORDS: usize = (1 << 16) / 64;

/// The slot of a number token ([`FirstWords::slot`]).
const NUMBER: usize = (TokenKind::Number as usize) << 1;

/// Where the forms of a matcher may begin among a document's tokens, told
/// from the tokens' form keys ([`FirstWords::slot`]), in two stages:
/// [`FirstWords::may_begin`], one bit test, then
/// [`FirstWords::may_begin_at`] for the few tokens it lets through.
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
///
/// Likewise a form of more than one token that matches goes on with the
/// next token, or ends inside it: then it is refused, and the places it
/// would hide are within that token, which begins no form (a token that
/// begins one lets the place before it through).
pub(super) struct FirstWords {
    /// The slots of the tokens a form may begin with: [`NUMBER`] if a
    /// form begins with a number, and the keys of those numbers (`01` of
    /// `01net`, `3` of `3DS`: [`FirstWords::number_slot`]).
    firsts: BitSet<KEY_WORDS>,
    /// The slots of first tokens that begin only forms of more tokens
    /// (`Le` of `Le Monde`, `la` of `la Poste`).
    longer_only: BitSet<KEY_WORDS>,
    /// The slots of the tokens that may follow one of `longer_only`: the
    /// second tokens of the forms, and those of `firsts`.
    follows: BitSet<KEY_WORDS>,
    /// The slots of the first tokens of other phrases, which the pass over
    /// the tokens notes on its way ([`FirstWords::notes`]).
    noted: BitSet<KEY_WORDS>,
    /// Those of `firsts` and `noted`: where that pass stops.
    stops: BitSet<KEY_WORDS>,
}

impl FirstWords {
    /// The first words of `patterns`, matched as a [`LongestMatcher`]
    /// matches them: in any ASCII case, and in their [`case_variants`];
    /// and those of `phrases` (any others, tokenised alone), to note.
    pub(super) fn of(patterns: &[String], phrases: &[&str]) -> Result<Self, String> {
        // One document of them all, read once: a line for each pattern's
        // beginning up to its second space (no token spans a space), none
        // for a beginning the same as the one before (`Microsoft Corp.`,
        // `Microsoft Corporation`), then the case variants of that
        // beginning (those of the pattern's beginning).
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut last = "";
        for pattern in patterns {
            let beginning = pattern.match_indices(' ').nth(1).map_or(pattern.as_str(), |(i, _)| &pattern[..i]);
            if beginning == last {
                continue;
            }
            last = beginning;
            let variants = case_variants(beginning).into_iter().map(Cow::Owned);
            for spelling in std::iter::once(Cow::Borrowed(beginning)).chain(variants) {
                let start = text.len();
                text.push_str(&spelling);
                lines.push(start..text.len());
                text.push('\n');
            }
        }
        let buf = DocumentBuf::new(&text).map_err(|e| format!("the gazetteer's forms: {e}"))?;
        let doc = buf.document();
        let tokens = doc.tokens();
        let (mut firsts, mut singles, mut seconds) = (Vec::new(), Vec::new(), Vec::new());
        let mut scratch = String::new();
        // The first token of each line, read in one walk (lines and tokens
        // are in order).
        let mut k = 0;
        for line in lines {
            while tokens.get(k).is_some_and(|t| t.start() < line.start) {
                k += 1;
            }
            let Some(first) = tokens.get(k).filter(|t| t.start() == line.start) else { continue };
            let second = tokens.get(k + 1).filter(|t| t.start() < line.end);
            let first_slots = match first.kind() {
                TokenKind::Word => word_slots(&doc, first, &mut scratch),
                TokenKind::Number => {
                    firsts.push(NUMBER);
                    [Self::number_slot(&doc, first); 2]
                }
                // Not a word: no word start is matched by it.
                _ => continue,
            };
            firsts.extend(first_slots);
            match second {
                Some(second) if second.is_word() => seconds.extend(word_slots(&doc, second, &mut scratch)),
                Some(second) => seconds.push(Self::slot(second)),
                None => singles.extend(first_slots),
            }
        }
        let singles = BitSet::<KEY_WORDS>::new(singles);
        let longer_only = firsts.iter().copied().filter(|&s| !singles.contains(s));
        let noted = first_slots(phrases)?;
        Ok(FirstWords {
            longer_only: BitSet::new(longer_only),
            follows: BitSet::new(seconds.into_iter().chain(firsts.iter().copied())),
            stops: BitSet::new(firsts.iter().chain(&noted).copied()),
            firsts: BitSet::new(firsts),
            noted: BitSet::new(noted),
        })
    }

    /// Whether token `t` may begin one of the phrases to note: a word
    /// whose key is that of one's first word, or any token of the kind of
    /// one's first token if it is no word.
    #[inline]
    pub(super) fn notes(&self, t: &Token) -> bool {
        self.noted.contains(Self::slot(t))
    }

    /// Whether a form may begin at token `t`, if it begins a word: a word
    /// one of the forms begins with (or whose key is that of one), or a
    /// number. One load and test for any token.
    #[inline]
    pub(super) fn may_begin(&self, t: &Token) -> bool {
        self.firsts.contains(Self::slot(t))
    }

    /// The index of the first of `tokens` from `from` on that
    /// [`FirstWords::may_begin`] lets through or that
    /// [`FirstWords::notes`] (their number if none): the loop over every
    /// token, kept apart from the tries at the few it finds so that it
    /// runs in few registers.
    #[inline(never)]
    pub(super) fn next_from(&self, tokens: &[Token], from: usize) -> usize {
        let rest = tokens.get(from..).unwrap_or_default();
        rest.iter().position(|t| self.stops.contains(Self::slot(t))).map_or(tokens.len(), |p| from + p)
    }

    /// Whether a form may begin at token `k` of `doc`, which
    /// [`FirstWords::may_begin`] lets through: a number one begins with;
    /// before a token that may follow, if all its forms are longer.
    #[inline]
    pub(super) fn may_begin_at(&self, doc: &Document<'_>, k: usize) -> bool {
        let tokens = doc.tokens();
        let t = &tokens[k];
        let slot = match t.kind() {
            TokenKind::Number => Self::number_slot(doc, t),
            _ => Self::slot(t),
        };
        // A word's slot is in `firsts`, or `may_begin` refused it.
        (t.is_word() || self.firsts.contains(slot))
            && (!self.longer_only.contains(slot)
                || tokens.get(k + 1).is_some_and(|n| self.follows.contains(Self::slot(n))))
    }

    /// The slot of number token `t` of `doc` in `firsts` and
    /// `longer_only`: odd, like the keys of words, made of its length (up
    /// to 127) and first byte, read without a loop over its digits. Equal
    /// numbers share it; the few others that do are told apart by the
    /// matcher.
    #[inline]
    fn number_slot(doc: &Document<'_>, t: &Token) -> usize {
        let length = (t.end() - t.start()).min(127);
        let first = usize::from(doc.text().as_bytes()[t.start()]);
        (length << 8 | first) << 1 | 1
    }

    /// The slot of token `t` in the sets: a word's form key (odd), or
    /// twice its kind for another token (whose key is 0): [`NUMBER`] for a
    /// number. Read from the token without a test.
    #[inline]
    fn slot(t: &Token) -> usize {
        usize::from(t.form_key()) | (t.kind() as usize) << 1
    }

    /// Whether the text holds a character the filter may be misled by: a
    /// combining accent ([`glaneur_text::has_combining_accent`]). Such
    /// texts are read without the filter.
    pub(super) fn may_be_misled_by(text: &str) -> bool {
        glaneur_text::has_combining_accent(text)
    }
}

/// The slots of the first tokens of `phrases`, each tokenised alone (as
/// `Phrases` reads them: one line of a document each).
fn first_slots(phrases: &[&str]) -> Result<Vec<usize>, String> {
    let text: String = phrases.iter().flat_map(|p| [*p, "\n"]).collect();
    let buf = DocumentBuf::new(&text).map_err(|e| format!("the phrases to note: {e}"))?;
    let doc = buf.document();
    let tokens = doc.tokens();
    let mut slots = Vec::with_capacity(phrases.len());
    // The first token of each line, read in one walk.
    let (mut start, mut k) = (0, 0);
    for phrase in phrases {
        while tokens.get(k).is_some_and(|t| t.start() < start) {
            k += 1;
        }
        match tokens.get(k).filter(|t| t.start() == start) {
            Some(first) => slots.push(FirstWords::slot(first)),
            None => return Err(format!("phrase {phrase:?} does not begin with a token")),
        }
        start += phrase.len() + 1;
    }
    Ok(slots)
}

/// The slots of word token `t` of `doc` with and without the apostrophe of
/// an elision: a form `L` may match `L’` in a text, and a form's `L’` an
/// `L` before a quote. `scratch` is room to spell the elided word in.
fn word_slots(doc: &Document<'_>, t: &Token, scratch: &mut String) -> [usize; 2] {
    let word = doc.folded_of(t).trim_end_matches('\'');
    scratch.clear();
    scratch.push_str(word);
    scratch.push('\'');
    [usize::from(key_of_form(word)), usize::from(key_of_form(scratch))]
}
