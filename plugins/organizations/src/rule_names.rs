//! The names of the cue rules (`cue:la-start-up`, `apposition:société`,
//! `cue:pdg-de`), each written once per process, the first time a mention
//! takes it, then lent to every mention it names: written for each, they
//! were a string allocated and freed per organisation a cue found.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use crate::lexicon::cue_determiners;

/// What a cue rule's name is made of besides its cue phrase: the
/// determiner before the cue (an index into [`cue_determiners`]), an
/// apposition, or the word after an of-noun.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// `cue:<determiner>-<cue>`.
    Determiner(usize),
    /// `apposition:<cue>`.
    Apposition,
    /// `cue:<cue>-<word>`, the word one of [`OF_WORDS`].
    Of(usize),
}

/// The words after an of-noun that name its rule (`de`, `d'`, `dans`).
pub(crate) const OF_WORDS: [&str; 3] = ["de", "d'", "dans"];

/// The names written so far, a cell per (part, phrase).
struct Table {
    cells: Vec<OnceLock<Box<str>>>,
    phrases: usize,
}

/// The table of the names of the rules of `phrases` phrases.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let phrases = crate::unseen::phrases().len();
    let parts = cue_determiners().len() + 1 + OF_WORDS.len();
    Table { cells: (0..parts * phrases).map(|_| OnceLock::new()).collect(), phrases }
});

/// The name of the rule made of `part` and phrase `phrase` (an index into
/// [`crate::unseen::phrases`]) when the cue found, `cue` (folded), is that
/// phrase as listed: written by `write` the first time, then lent.
///
/// Any other cue (`jeune  pousse`, two spaces) gets its own, written by
/// `write`.
pub(crate) fn name<'a>(part: Part, phrase: usize, cue: &str, write: impl FnOnce() -> String) -> Cow<'a, str> {
    let table = &*TABLE;
    let column = match part {
        Part::Determiner(d) => d,
        Part::Apposition => cue_determiners().len(),
        Part::Of(w) => cue_determiners().len() + 1 + w,
    };
    match table
        .cells
        .get(column * table.phrases + phrase)
        .filter(|_| crate::unseen::phrases().get(phrase) == Some(&cue))
    {
        Some(cell) => Cow::Borrowed(cell.get_or_init(|| write().into_boxed_str())),
        None => Cow::Owned(write()),
    }
}
