//! The percent marks of a Document: where percentages end.

use std::sync::LazyLock;

use glaneur_lexicon::KeySet;
use glaneur_schema::{key_of_form, Document, TokenKind};

/// The form keys of the words a mark may end with.
static WORD_KEYS: LazyLock<KeySet> =
    LazyLock::new(|| KeySet::of_keys(["cent", "pourcent", "percent"].map(key_of_form)));

/// The percent marks of `doc` ([`marks_into`]) in a vector of their own.
#[cfg(test)]
pub(crate) fn marks(doc: &Document<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    marks_into(doc, &mut out);
    out
}

/// Puts into `out` (what it held is forgotten) the percent marks of `doc`
/// as byte spans, in order: `%`, `pourcent`, `percent`, `pour cent` (one
/// character between) and `per cent` (any spacing), in any case, each a
/// token (or two) of the Document.
///
/// Every mark ends with a `%` token (a symbol) or a word whose folded form
/// is `cent`, `pourcent` or `percent`, so a pass over the tokens that
/// compares each one's [form key](glaneur_schema::Token::form_key) with
/// theirs (a token that is no word has none), and each symbol's first byte
/// with `%`, finds every place one may end; only there is the token read.
pub(crate) fn marks_into(doc: &Document<'_>, out: &mut Vec<(usize, usize)>) {
    let (bytes, tokens) = (doc.text().as_bytes(), doc.tokens());
    let word_keys = &*WORD_KEYS;
    out.clear();
    for (i, t) in tokens.iter().enumerate() {
        // Tests that fail for almost every token, the key's first: no
        // branch is hard to predict (a test of the key for zero, a word or
        // not, was).
        let key = t.form_key();
        let may_end = word_keys.admits(key) || t.kind() == TokenKind::Symbol && bytes[t.start()] == b'%';
        if may_end {
            if let Some(start) = mark_start(doc, i) {
                out.push((start, t.end()));
            }
        }
    }
}

/// Where the mark ending with token `i` starts, if that token ends one.
fn mark_start(doc: &Document<'_>, i: usize) -> Option<usize> {
    let (text, tokens) = (doc.text(), doc.tokens());
    let t = &tokens[i];
    match doc.folded_of(t) {
        "%" | "pourcent" | "percent" => Some(t.start()),
        "cent" if i > 0 && !t.is_joined() => {
            let before = &tokens[i - 1];
            let mut gap = text[before.end()..t.start()].chars();
            match doc.folded_of(before) {
                "pour" if gap.next().is_some() && gap.next().is_none() => Some(before.start()),
                "per" => Some(before.start()),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;

    /// The marks read from every token: the reference the pass that reads
    /// only the tokens its keys admit is compared with.
    fn marks_of_every_token(doc: &Document<'_>) -> Vec<(usize, usize)> {
        (0..doc.tokens().len()).filter_map(|i| Some((mark_start(doc, i)?, doc.tokens()[i].end()))).collect()
    }

    #[test]
    fn the_keyed_token_pass_finds_the_marks_of_every_token() {
        let pieces = [
            "5",
            " ",
            "\u{a0}",
            "\n",
            "%",
            "％",
            "pour",
            "POUR",
            "Pour",
            "per",
            "PER",
            "cent",
            "CENT",
            "cEnT",
            "Cent",
            "percent",
            "PERCENT",
            "pourcent",
            "PourCent",
            "c",
            "C",
            "ent",
            "accent",
            "centre",
            "é",
            "ç",
            "'",
            "’",
            "l'",
            "-",
            "x",
            ".",
            "pour\u{a0}",
            "ſent",
            "cENT",
        ];
        let mut rng = glaneur_testdata::Draws::new(0x2545_f491_4f6c_dd1d);
        let mut below = |n: usize| rng.below(n);
        let mut found = 0;
        for _ in 0..20_000 {
            let text: String = (0..1 + below(10)).map(|_| pieces[below(pieces.len())]).collect();
            let buf = DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            let marks = marks(&doc);
            found += marks.len();
            assert_eq!(marks, marks_of_every_token(&doc), "in {text:?}");
        }
        assert!(found > 5_000, "{found}");
    }
}
