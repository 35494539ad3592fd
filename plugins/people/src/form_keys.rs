//! Sets of words by their folded forms' [form keys](key_of_form): a word
//! token whose stored key is not in a set is none of its words (equal
//! forms have equal keys), told by a load and a bit test before the word
//! is read. Most words a rule asks about are none.

use glaneur_lexicon::KeySet;
use glaneur_schema::{key_of_form, Token};

/// The keys of a set of words, one bit each.
pub(crate) struct FormKeys(KeySet);

impl FormKeys {
    /// The keys of `forms`, folded forms.
    pub(crate) fn of_forms<'w>(forms: impl IntoIterator<Item = &'w str>) -> Self {
        FormKeys(KeySet::of_keys(forms.into_iter().map(key_of_form)))
    }

    /// The keys of `words`, folded here into one buffer.
    pub(crate) fn of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut folded = String::new();
        FormKeys(KeySet::of_keys(words.into_iter().map(|word| {
            folded.clear();
            if !glaneur_text::fold_into(word, &mut folded) {
                folded.push_str(word);
            }
            key_of_form(&folded)
        })))
    }

    /// Whether the word token `t` may be one of the words.
    #[inline]
    pub(crate) fn may_contain(&self, t: &Token) -> bool {
        self.0.admits(t.form_key())
    }
}
