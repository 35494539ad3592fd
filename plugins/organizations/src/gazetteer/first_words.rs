//! [`FirstWords`]: the words a form of the gazetteer may begin with, by
//! their form key, so that the pass over a document's tokens refuses most
//! words by one bit test of the key the token carries, without reading the
//! word; and, for the few let through, the words that may come second.
//! The same pass notes where other phrases (`unseen`'s word lists) may
//! begin, so that the tokens are read once.
//!
//! Deferring common words (a pass that does not stop at `le` of `le
//! Monde` but at `Monde`, [`FirstWords::deferred_before`]) is this
//! plugin's own: glaneur-text's `LongestMatcher` knows nothing of it.
//! Working out at load which words may be deferred costs about 1 M
//! instructions, once per process (the gazetteer's load 6.85 → 7.81 M).

use std::borrow::Cow;

use glaneur_lexicon::BitSet;
use glaneur_schema::{key_of_form, Document, DocumentBuf, Token, TokenKind};
use glaneur_text::case_variants;

use crate::lexicon::function_words;
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
///
/// The pass over the tokens ([`FirstWords::next_from`]) stops at none of
/// the common words that begin longer forms only (`le`, `la`, `the`), but
/// at their forms' second words (`Monde` of `Le Monde`), and tries the
/// word before then ([`FirstWords::deferred_before`]). Before any other
/// token, such a word's forms are not found, nor any that ends inside
/// that token when it begins a form ([`may_hide`]): then the word is not
/// deferred.
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
    /// The slots of `longer_only` the pass over the tokens does not stop
    /// at, but tries when it stops at the token after
    /// ([`FirstWords::deferred_before`]): common words (function words:
    /// `le`, `la`, `the`) whose forms' second words are not (`Monde`,
    /// `Poste`, `Verge`), neither noted nor numbers, nor of a form that may
    /// hide another's start ([`may_hide`]).
    deferred: BitSet<KEY_WORDS>,
    /// The slots of the second tokens of the forms whose first is
    /// `deferred`: all stops.
    after_deferred: BitSet<KEY_WORDS>,
    /// The slots of the first tokens of other phrases, which the pass over
    /// the tokens notes on its way ([`FirstWords::notes`]).
    noted: BitSet<KEY_WORDS>,
    /// Those of `firsts` but the `deferred`, of `after_deferred` and of
    /// `noted`: where that pass stops.
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
        // Each line, and its beginning's index in `whole`: whether a
        // pattern is that beginning, no more.
        let (mut lines, mut whole) = (Vec::new(), Vec::new());
        let mut last = "";
        for pattern in patterns {
            let beginning = pattern.match_indices(' ').nth(1).map_or(pattern.as_str(), |(i, _)| &pattern[..i]);
            if beginning == last {
                if let Some(w) = whole.last_mut() {
                    *w |= beginning.len() == pattern.len();
                }
                continue;
            }
            last = beginning;
            whole.push(beginning.len() == pattern.len());
            let variants = case_variants(beginning).into_iter().map(Cow::Owned);
            for spelling in std::iter::once(Cow::Borrowed(beginning)).chain(variants) {
                let start = text.len();
                text.push_str(&spelling);
                lines.push((start..text.len(), whole.len() - 1));
                text.push('\n');
            }
        }
        let buf = DocumentBuf::new(&text).map_err(|e| format!("the gazetteer's forms: {e}"))?;
        let doc = buf.document();
        let tokens = doc.tokens();
        // The slots of each line's first token, and the pairs of the first
        // and second tokens of the longer ones; each line's first word, and
        // where a form ends with its line, its text from its second token.
        let (mut firsts, mut singles, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
        let (mut first_words, mut endings) = (Vec::new(), Vec::new());
        let mut scratch = String::new();
        let common = common_slots();
        // The first token of each line, read in one walk (lines and tokens
        // are in order).
        let mut k = 0;
        for (line, beginning) in lines {
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
            first_words.push(doc.text_of(first));
            let Some(second) = second else {
                singles.extend(first_slots);
                continue;
            };
            // A form that goes on past its line ends inside no token.
            if whole[beginning] {
                endings.push((first_slots, &text[second.start()..line.end]));
            }
            let second_slots = match second.kind() {
                TokenKind::Word => word_slots(&doc, second, &mut scratch),
                _ => [Self::slot(second); 2],
            };
            // A number is a stop already where a form begins with one.
            let common = |slot| !(second.is_word() || second.is_number()) || common.contains(slot);
            pairs.extend(second_slots.map(|second| Pair { firsts: first_slots, second, common: common(second) }));
        }
        let singles = BitSet::<KEY_WORDS>::new(singles);
        let longer_only = BitSet::<KEY_WORDS>::new(firsts.iter().copied().filter(|&s| !singles.contains(s)));
        let noted = first_slots(phrases)?;
        let noted_set = BitSet::<KEY_WORDS>::new(noted.iter().copied());
        let deferred = deferred(&firsts, &pairs, &longer_only, &noted_set, first_words, &endings);
        let after_deferred: Vec<usize> =
            pairs.iter().filter(|p| p.firsts.iter().any(|&s| deferred.contains(s))).map(|p| p.second).collect();
        let stops = firsts.iter().copied().filter(|&s| !deferred.contains(s)).chain(noted);
        Ok(FirstWords {
            stops: BitSet::new(stops.chain(after_deferred.iter().copied())),
            after_deferred: BitSet::new(after_deferred),
            follows: BitSet::new(pairs.into_iter().map(|p| p.second).chain(firsts.iter().copied())),
            longer_only,
            deferred,
            firsts: BitSet::new(firsts),
            noted: noted_set,
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

    /// The token before `stop` (where [`FirstWords::next_from`] stopped,
    /// reading from `from`) if the pass skipped it but must try it: a
    /// deferred word before the second word of one of its forms.
    ///
    /// [`FirstWords::may_begin_at`] would let through a deferred word
    /// before any of `follows`, but the matcher finds nothing there before
    /// a token none of its forms goes on with, nor hides another's start
    /// (none of its forms may: [`may_hide`]). Every token of
    /// `after_deferred` is a stop, and none of them deferred: the pass
    /// skips no word it must try.
    #[inline]
    pub(super) fn deferred_before(&self, tokens: &[Token], from: usize, stop: usize) -> Option<usize> {
        let k = stop.checked_sub(1).filter(|&k| k >= from)?;
        let deferred = self.deferred.contains(Self::slot(&tokens[k]));
        (deferred && tokens.get(stop).is_some_and(|n| self.after_deferred.contains(Self::slot(n)))).then_some(k)
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

/// The first and second tokens of a form (its line's).
struct Pair {
    /// The first token's slots ([`word_slots`]).
    firsts: [usize; 2],
    /// One of the second token's slots.
    second: usize,
    /// Whether `second` is that of a common token: neither word nor
    /// number, or a function word's slot (`-`, `de` of `Banque de
    /// France`, not `Monde` of `Le Monde`): the pass would rather not stop
    /// there.
    common: bool,
}

/// The slots of common words: the function words, as tokens' keys.
fn common_slots() -> BitSet<KEY_WORDS> {
    BitSet::new(function_words().map(|w| usize::from(key_of_form(w))))
}

/// The slots of `firsts` the pass over the tokens may defer: common words
/// that begin forms of more tokens only (`longer_only`), whose second
/// words (`pairs`) are not common (the pass stops at those instead, fewer),
/// neither `noted` nor numbers (whose slot there is NUMBER, told by
/// another in `may_begin_at`), nor of a form that may hide another's start
/// ([`may_hide`]: `first_words` are those of the forms, `endings` their
/// text from the second token on, of the forms that end with their line).
///
/// None is then the second word of a form whose first is deferred (that
/// word is not common): the pass stops at every one of those.
fn deferred(
    firsts: &[usize],
    pairs: &[Pair],
    longer_only: &BitSet<KEY_WORDS>,
    noted: &BitSet<KEY_WORDS>,
    mut first_words: Vec<&str>,
    endings: &[([usize; 2], &str)],
) -> BitSet<KEY_WORDS> {
    let common = common_slots();
    let common_after = BitSet::<KEY_WORDS>::new(pairs.iter().filter(|p| p.common).flat_map(|p| p.firsts));
    let mut deferred: Vec<usize> = firsts
        .iter()
        .copied()
        .filter(|&s| {
            s != NUMBER
                && common.contains(s)
                && longer_only.contains(s)
                && !noted.contains(s)
                && !common_after.contains(s)
        })
        .collect();
    deferred.sort_unstable();
    deferred.dedup();
    first_words.sort_unstable_by_key(|w| lower_first_byte(w));
    let hiding: Vec<usize> = endings
        .iter()
        .filter(|(f, ending)| f.iter().any(|s| deferred.binary_search(s).is_ok()) && may_hide(&first_words, ending))
        .flat_map(|&(f, _)| f)
        .collect();
    deferred.retain(|s| !hiding.contains(s));
    BitSet::new(deferred)
}

/// Whether a form may match where a word begins and end inside the next
/// token, itself the first of a form: `ending` (the form's text from its
/// second token on) begins one of `first_words` (those of the forms,
/// sorted by [`lower_first_byte`]), ASCII case aside, and is shorter. The
/// matcher tries no place inside a match it found, even refused: the
/// form's match would hide the next token's.
fn may_hide(first_words: &[&str], ending: &str) -> bool {
    let first = lower_first_byte(ending);
    let from = first_words.partition_point(|w| lower_first_byte(w) < first);
    first_words[from..]
        .iter()
        .take_while(|w| lower_first_byte(w) == first)
        .any(|w| w.len() > ending.len() && w.as_bytes()[..ending.len()].eq_ignore_ascii_case(ending.as_bytes()))
}

/// The first byte of `word`, in lower case if ASCII (0 if empty).
fn lower_first_byte(word: &str) -> u8 {
    word.as_bytes().first().map_or(0, u8::to_ascii_lowercase)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_ending_inside_the_first_token_of_another_may_hide_it() {
        let firsts = ["a", "Le", "MONDE", "z"];
        assert!(may_hide(&firsts, "mon"));
        assert!(may_hide(&firsts, "Mond"));
        assert!(["monde", "mondes", "lem", "b"].iter().all(|ending| !may_hide(&firsts[..3], ending)));
        assert!(!may_hide(&[], "monde"));
    }

    #[test]
    fn the_gazetteer_defers_the_common_words_that_begin_longer_forms() {
        // None of its forms may hide another's start: were one added, the
        // pass would stop at every first word again (and this test fail).
        let gazetteer = crate::gazetteer::Gazetteer::load().expect("valid data");
        let first_words = &gazetteer.first_words;
        let buf = DocumentBuf::new("le la the Le Monde").expect("small");
        let doc = buf.document();
        for t in &doc.tokens()[..4] {
            let slot = FirstWords::slot(t);
            assert!(first_words.deferred.contains(slot) && !first_words.stops.contains(slot), "{}", doc.text_of(t));
        }
        assert!(first_words.stops.contains(FirstWords::slot(&doc.tokens()[4])));
    }
}
