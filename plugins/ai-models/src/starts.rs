//! The one pass over a document's tokens that finds where each of the
//! plugin's searches may begin: the catalogue's names, the cue nouns, the
//! appositions after a comma and the o-series. Each search keeps its own
//! test of a token; this pass only runs them together, so that the tokens
//! are read once rather than once per search.

use glaneur_schema::{Document, Token};

use crate::catalogue::Catalogue;
use crate::unseen;

/// Where the searches of one document may begin, each in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Starts {
    /// The word starts a catalogue name may begin at, with whether the word
    /// begins with a capital or an ASCII digit
    /// ([`Catalogue::may_start_word`]).
    pub(crate) catalogue: Vec<(usize, bool)>,
    /// The tokens a cue noun may begin ([`unseen::may_begin_noun`]).
    pub(crate) nouns: Vec<usize>,
    /// The tokens right after a comma, on its line and after whitespace:
    /// where an apposition may begin (`Vega-2, un modèle`).
    pub(crate) after_comma: Vec<usize>,
    /// The tokens that are a lone `o`, which may begin an o-series name
    /// (`o3-mini`).
    pub(crate) lone_o: Vec<usize>,
}

impl Starts {
    /// Reads the tokens of `doc` once.
    pub(crate) fn of(doc: &Document<'_>, catalogue: &Catalogue) -> Starts {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        // About one word in ten begins a catalogue name or a cue noun
        // (found and refused after), one token in twenty follows a comma:
        // room for those once rather than growing each list from nothing.
        let mut starts = Starts {
            catalogue: Vec::with_capacity(tokens.len() / 8),
            nouns: Vec::with_capacity(tokens.len() / 8),
            after_comma: Vec::with_capacity(tokens.len() / 16),
            lone_o: Vec::new(),
        };
        for (i, t) in tokens.iter().enumerate() {
            let at = t.start();
            if catalogue.may_start_word(bytes, t) && doc.starts_word(i) {
                starts.catalogue.push((at, t.begins_with_capital(bytes)));
            }
            if t.is_word() {
                if unseen::may_begin_noun(bytes, at) {
                    starts.nouns.push(i);
                }
                if t.end() - at == 1 && bytes[at] == b'o' {
                    starts.lone_o.push(i);
                }
            } else if is_comma(bytes, t)
                && tokens.get(i + 1).is_some_and(|next| !next.is_joined() && !next.is_line_start())
            {
                starts.after_comma.push(i + 1);
            }
        }
        starts
    }
}

/// Whether `t` is a comma.
fn is_comma(bytes: &[u8], t: &Token) -> bool {
    t.end() - t.start() == 1 && bytes[t.start()] == b','
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each search found with a pass of its own before the passes
    /// were one.
    fn separately(doc: &Document<'_>, catalogue: &Catalogue) -> Starts {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        let words = || tokens.iter().enumerate().filter(|(_, t)| t.is_word());
        Starts {
            catalogue: doc.word_starts_where(|t| catalogue.may_start_word(bytes, t)).collect(),
            nouns: words().filter(|(_, t)| unseen::may_begin_noun(bytes, t.start())).map(|(i, _)| i).collect(),
            after_comma: (1..tokens.len())
                .filter(|&i| is_comma(bytes, &tokens[i - 1]) && !tokens[i].is_joined() && !tokens[i].is_line_start())
                .collect(),
            lone_o: words().filter(|(_, t)| doc.text_of(t) == "o").map(|(i, _)| i).collect(),
        }
    }

    #[test]
    fn one_pass_finds_what_a_pass_per_search_found() {
        let catalogue = Catalogue::load().expect("valid data");
        let corpus = crate::tests::corpus_texts();
        let tricky = "o3, o1-mini et GPT-4o, « o », Vega-2, un modèle ,sans espace, puis,\nà la ligne; \
                      5090, H100, l’assistant Nabu, Modèle, ,, o";
        for text in corpus.chain([tricky.to_owned(), String::new(), ",".to_owned(), "o".to_owned()]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            assert_eq!(Starts::of(&doc, &catalogue), separately(&doc, &catalogue), "{text}");
        }
    }
}
