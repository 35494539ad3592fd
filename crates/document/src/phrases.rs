//! [`Phrases`]: word lists (cue nouns, roles, verbs of saying, suffixes)
//! found in a document's tokens instead of its bytes.

mod first_words;
mod same_bytes;

use std::collections::BTreeMap;
use std::ops::Range;

use glaneur_lexicon::KeySet;

use crate::buf::DocumentBuf;
use crate::document::Document;
use crate::form_key::form_key;
use crate::token::Token;
use first_words::FirstWords;
use same_bytes::same_bytes;

/// How a phrase's words are compared with the text's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// By folded form: any case, `’` for `'` (`la Start-Up`, `l’éditeur`).
    Folded,
    /// As written (`SA`, not the `sa` of `sa filiale`).
    Exact,
}

/// One phrase, read as a document is: its tokens' forms (folded, or as
/// written for [`Case::Exact`]), and which are joined to the one before
/// (`start-up` is three joined tokens); and the list it is in.
#[derive(Debug, Clone)]
struct Phrase {
    forms: Vec<String>,
    joined: Vec<bool>,
    case: Case,
    list: usize,
    /// The form key of its second token's folded form (even in an exact
    /// phrase: the text's token has the same folded form), if it has one.
    second: Option<u16>,
}

/// Lists of phrases of one or more words, found where a word starts: a
/// filter of the first words' [form keys](crate::key_of_form) (stored in each
/// token: one bit test per word), a table of the first words, then a
/// comparison of the next tokens. A phrase matches whole tokens, with the
/// same joins, on one line (whitespace between words may be any, but no
/// line break).
#[derive(Debug, Clone)]
pub struct Phrases {
    phrases: Vec<Phrase>,
    /// How many lists [`Phrases::lists`] was given.
    lists: usize,
    /// Phrases by their first word's folded form, longest (in tokens)
    /// first, then in list order.
    by_first: FirstWords,
    /// A filter of the first words' form keys: most words are no phrase's
    /// first word, and this test spares them the table (8 KiB, which stay
    /// in the cache across a text). Key 0, that of the tokens that are not
    /// words, is never in it: no form has that key.
    filter: KeySet,
    /// Every phrase starts with a word (not a number or a mark).
    words_only: bool,
}

/// One phrase found: its tokens and its index in the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The token indices it covers.
    pub tokens: Range<usize>,
    /// The index of the phrase, counting through the lists in order.
    pub phrase: usize,
}

impl Phrases {
    /// One list, compared as `case` says; an empty phrase is an error.
    pub fn new<S: AsRef<str>>(phrases: &[S], case: Case) -> Result<Self, String> {
        Phrases::lists(&[(phrases, case)])
    }

    /// Several lists found in one pass (one lookup per token, not one per
    /// list); a match's phrase counts through them in order, and
    /// [`Phrases::list_of`] says which list it is in. Each phrase is read
    /// as a document; an empty one is an error.
    pub fn lists<S: AsRef<str>>(lists: &[(&[S], Case)]) -> Result<Self, String> {
        let mut phrases = Vec::new();
        let mut by_first: BTreeMap<Box<[u8]>, Vec<u32>> = BTreeMap::new();
        let mut first_keys = Vec::new();
        let mut words_only = true;
        for (list_index, &(list, case)) in lists.iter().enumerate() {
            for text in list.iter().map(AsRef::as_ref) {
                let i = phrases.len();
                let buf = DocumentBuf::new(text).map_err(|e| e.to_string())?;
                let doc = buf.document();
                let Some(first) = doc.tokens().first() else {
                    return Err(format!("phrase {i} ({text:?}) has no word"));
                };
                words_only &= first.is_word();
                first_keys.push(key_of(&doc, first));
                by_first.entry(doc.folded_bytes_of(first).into()).or_default().push(i as u32);
                let form = |t: &Token| match case {
                    Case::Folded => doc.folded_of(t).to_owned(),
                    Case::Exact => doc.text_of(t).to_owned(),
                };
                let forms = doc.tokens().iter().map(form).collect();
                let joined = doc.tokens().iter().map(Token::is_joined).collect();
                let second = doc.tokens().get(1).map(|t| key_of(&doc, t));
                phrases.push(Phrase { forms, joined, case, list: list_index, second });
            }
        }
        for indices in by_first.values_mut() {
            indices.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].forms.len()));
        }
        let by_first = FirstWords::new(by_first, |p| phrases[p as usize].second);
        let filter = KeySet::of_keys(first_keys);
        Ok(Phrases { phrases, lists: lists.len(), by_first, filter, words_only })
    }

    /// The list (an index into what [`Phrases::lists`] was given) that
    /// `phrase` belongs to (the number of lists for an index past the
    /// last phrase).
    pub fn list_of(&self, phrase: usize) -> usize {
        self.phrases.get(phrase).map_or(self.lists, |p| p.list)
    }

    /// Every phrase starting at token `i`, longest first, as the end of
    /// its tokens and its index.
    pub fn at(&self, doc: &Document<'_>, i: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.push_at(doc, i, &mut out);
        out.into_iter().map(|m| (m.tokens.end, m.phrase)).collect()
    }

    /// Every phrase in `doc`, overlapping ones included: by start, then
    /// longest first.
    pub fn find_all(&self, doc: &Document<'_>) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let tokens = doc.tokens().iter().enumerate();
        // Two loops: when every phrase starts with a word, a token's stored
        // key is all the filter needs (that of a token that is not a word,
        // 0, is in no filter), with no test of its kind.
        if self.words_only {
            for (i, first) in tokens {
                self.push_keyed(doc, i, first, first.form_key(), &mut out);
            }
        } else {
            for (i, first) in tokens {
                self.push_keyed(doc, i, first, key_of(doc, first), &mut out);
            }
        }
        out
    }

    /// The byte spans of the phrases in `doc` that a leftmost-longest
    /// search reports (of overlapping ones, the longest at the leftmost
    /// start), in order.
    pub fn find_spans(&self, doc: &Document<'_>) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> = self
            .find_all(doc)
            .into_iter()
            .map(|m| {
                let span = doc.byte_span(m.tokens);
                (span.start, span.end)
            })
            .collect();
        glaneur_text::keep_leftmost_longest(&mut spans, |&span| span);
        spans
    }

    /// Like [`Phrases::find_all`], but only the phrases starting at the
    /// tokens `starts` (ascending): for a list that only counts after some
    /// token (a comma), so that the rest of the text costs nothing.
    pub fn find_from(&self, doc: &Document<'_>, starts: impl IntoIterator<Item = usize>) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        self.push_from(doc, starts, &mut out);
        out
    }

    /// [`Phrases::find_from`], appended to `out`: a caller that looks for
    /// phrases in every document keeps one buffer for them all rather
    /// than allocate one per document.
    pub fn push_from(&self, doc: &Document<'_>, starts: impl IntoIterator<Item = usize>, out: &mut Vec<PhraseMatch>) {
        for i in starts {
            self.push_at(doc, i, out);
        }
    }

    /// Appends the phrases starting at token `i` to `out`, longest first.
    /// The filter is inlined into the callers' loops: most tokens stop
    /// there, and a call per token cost more than the test itself.
    #[inline(always)]
    fn push_at(&self, doc: &Document<'_>, i: usize, out: &mut Vec<PhraseMatch>) {
        let Some(first) = doc.tokens().get(i) else { return };
        let key = if self.words_only { first.form_key() } else { key_of(doc, first) };
        self.push_keyed(doc, i, first, key, out);
    }

    /// [`Phrases::push_at`] given `key`, the form key of token `i`,
    /// `first` (or 0, the key of no form, for a token that is not a word
    /// when every phrase starts with one).
    #[inline(always)]
    fn push_keyed(&self, doc: &Document<'_>, i: usize, first: &Token, key: u16, out: &mut Vec<PhraseMatch>) {
        if self.filter.admits(key) {
            self.push_matches(doc, i, first, key, out);
        }
    }

    /// [`Phrases::push_at`] past the filter: the phrases whose first word
    /// is that of `first`, token `i`, of form key `key`, compared with the
    /// tokens from `i` on.
    #[inline(never)]
    fn push_matches(&self, doc: &Document<'_>, i: usize, first: &Token, key: u16, out: &mut Vec<PhraseMatch>) {
        let Some(word) = self.by_first.get(key, doc.folded_bytes_of(first)) else { return };
        let tokens = doc.tokens();
        let next = if word.starts_longer() { tokens.get(i + 1).map(|t| key_of(doc, t)) } else { None };
        let candidates = word.phrases_before(next);
        for &p in candidates {
            let phrase = &self.phrases[p as usize];
            // Its second token's key against the next token's: most of a
            // word's longer phrases go on with another word.
            if phrase.second.is_some_and(|second| next != Some(second)) {
                continue;
            }
            let end = i + phrase.forms.len();
            let Some((first, rest)) = tokens.get(i..end).and_then(<[Token]>::split_first) else { continue };
            let same = |t: &Token, form: &String| same_form(doc, t, phrase.case, form);
            // A folded first word is `form`, found in `by_first`.
            let first_same = phrase.case == Case::Folded || same(first, &phrase.forms[0]);
            let rest_same = || {
                rest.iter()
                    .zip(&phrase.forms[1..])
                    .zip(&phrase.joined[1..])
                    .all(|((t, form), &joined)| t.is_joined() == joined && !t.is_line_start() && same(t, form))
            };
            if first_same && rest_same() {
                if out.capacity() == 0 {
                    // Room for a text's matches at once, rather than growing four at a time.
                    out.reserve(16);
                }
                out.push(PhraseMatch { tokens: i..end, phrase: p as usize });
            }
        }
    }
}

/// Whether `token` reads as `form` compared as `case` says (by its folded
/// form or as written). Inlined: a call per token cost more than the
/// comparison.
#[inline(always)]
fn same_form(doc: &Document<'_>, token: &Token, case: Case, form: &str) -> bool {
    let text = match case {
        Case::Folded => doc.folded_bytes_of(token),
        Case::Exact => doc.bytes_of(token),
    };
    same_bytes(text, form.as_bytes())
}

/// The form key of `token`'s folded form: stored in a word's token, worked
/// out for another token (which only a list with a phrase that does not
/// start with a word looks up).
#[inline(always)]
fn key_of(doc: &Document<'_>, token: &Token) -> u16 {
    if token.is_word() {
        token.form_key()
    } else {
        form_key(doc.folded_bytes_of(token))
    }
}
