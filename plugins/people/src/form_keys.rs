//! Sets of words by their folded forms' [form keys](key_of_form): a word
//! token whose stored key is not in a set is none of its words (equal
//! forms have equal keys), told by a load and a bit test before the word
//! is read. Most words a rule asks about are none.

use glaneur_lexicon::BitSet;
use glaneur_schema::{key_of_form, Token};

/// The keys of a set of words, one bit each.
pub(crate) struct FormKeys(BitSet<{ (1 << 16) / 64 }>);

impl FormKeys {
    /// The keys of `forms`, folded forms.
    pub(crate) fn of_forms<'w>(forms: impl IntoIterator<Item = &'w str>) -> Self {
        FormKeys(BitSet::new(forms.into_iter().map(|form| usize::from(key_of_form(form)))))
    }

    /// The keys of `words`, folded here: an ASCII word (most) lowercased,
    /// the others folded, into one buffer.
    pub(crate) fn of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut folded = String::new();
        FormKeys(BitSet::new(words.into_iter().map(|word| {
            folded.clear();
            if word.is_ascii() {
                folded.push_str(word);
                folded.make_ascii_lowercase();
            } else if !glaneur_text::fold_into(word, &mut folded) {
                folded.push_str(word);
            }
            usize::from(key_of_form(&folded))
        })))
    }

    /// Whether the word token `t` may be one of the words.
    #[inline]
    pub(crate) fn may_contain(&self, t: &Token) -> bool {
        self.0.contains(usize::from(t.form_key()))
    }
}
