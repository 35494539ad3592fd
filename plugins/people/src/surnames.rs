//! Where the surnames of the full names found stand alone in a text
//! (`Goldman` after `Jeremy Goldman`): found at the capitalised tokens,
//! the only places such a surname can start, rather than by a search of
//! the whole text for their first bytes.

use glaneur_schema::Document;
use glaneur_text::{is_letter_or_digit, is_whole_word};

/// The most surnames looked for at the capitalised tokens; more (a long
/// text's) are searched for in the text.
const AT_TOKENS: usize = 32;

/// Calls `found(start, end, i)` for each place, in order, where the
/// surname `surnames[i].0` stands as whole words in `doc`'s text from
/// byte `from` on: what a leftmost-longest search of `text[from..]` for
/// the surnames finds there and [`is_whole_word`] keeps. `surnames` are
/// sorted by surname, none twice; `capitalised` are the document's
/// capitalised tokens, in order; `from` is 0 or follows a space. Each
/// surname starts with a capital (it is the last word of a name).
///
/// Looked for at the capitalised tokens only, the longest surname at each:
/// where a surname stands as a whole word, no letter or digit comes
/// before it, so a capitalised token starts there, unless a combining
/// accent does (a word token holds it, [`is_whole_word`] reads it as no
/// letter). And a place the search finds that is no whole word cannot run
/// over one that is, unless a surname holds a mark after which another
/// (or itself) may start (`Traoré-Diop` and `Diop`). In those two cases,
/// for a surname of one byte, or for many surnames, the text is searched.
pub(crate) fn whole_word_occurrences(
    doc: &Document<'_>,
    capitalised: &[usize],
    from: usize,
    surnames: &[(&str, usize)],
    found: &mut dyn FnMut(usize, usize, usize),
) {
    let text = doc.text();
    if surnames.len() > AT_TOKENS
        || surnames.iter().any(|(s, _)| s.len() < 2)
        || may_run_over(surnames)
        || glaneur_text::has_combining_accent(&text[from..])
    {
        let names: Vec<&str> = surnames.iter().map(|&(s, _)| s).collect();
        for (start, end, i) in glaneur_text::find_names(&text[from..], &names) {
            if is_whole_word(text, from + start, from + end) {
                found(from + start, from + end, i);
            }
        }
        return;
    }
    let tokens = doc.tokens();
    let first = capitalised.partition_point(|&k| tokens[k].start() < from);
    at_capitalised_tokens(doc, &capitalised[first..], surnames, found);
}

/// The first two bytes at `at` of `bytes` (0 past their end), a surname's
/// head: those of the place it stands at.
#[inline]
fn head(bytes: &[u8], at: usize) -> u16 {
    u16::from(bytes[at]) | u16::from(bytes.get(at + 1).copied().unwrap_or(0)) << 8
}

/// A head's bit in a filter of 1024.
#[inline]
fn head_bit(head: u16) -> usize {
    (u32::from(head).wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// [`whole_word_occurrences`] at the tokens `capitalised` (at most
/// [`AT_TOKENS`] surnames of two bytes or more, none of which may run
/// over another's place). Kept out of line, the test at each token in
/// registers: inlined, the loop lost them to its caller's.
#[inline(never)]
fn at_capitalised_tokens(
    doc: &Document<'_>,
    capitalised: &[usize],
    surnames: &[(&str, usize)],
    found: &mut dyn FnMut(usize, usize, usize),
) {
    // The surnames' heads, and a filter of them: most capitalised words
    // start otherwise.
    let mut heads = [0u16; AT_TOKENS];
    let mut filter = [0u64; 16];
    for ((s, _), h) in surnames.iter().zip(&mut heads) {
        *h = head(s.as_bytes(), 0);
        let bit = head_bit(*h);
        filter[bit / 64] |= 1 << (bit % 64);
    }
    let heads = &heads[..surnames.len()];
    let (text, tokens) = (doc.text(), doc.tokens());
    for &k in capitalised {
        let start = tokens[k].start();
        let h = head(text.as_bytes(), start);
        let bit = head_bit(h);
        if filter[bit / 64] & (1 << (bit % 64)) != 0 {
            longest_at(text, start, h, heads, surnames, found);
        }
    }
}

/// Calls `found` for the longest of `surnames` (whose heads are `heads`)
/// at byte `start` of `text`, whose head is `h`, if it stands there as a
/// whole word.
#[inline(never)]
fn longest_at(
    text: &str,
    start: usize,
    h: u16,
    heads: &[u16],
    surnames: &[(&str, usize)],
    found: &mut dyn FnMut(usize, usize, usize),
) {
    let rest = &text.as_bytes()[start..];
    let mut longest: Option<(usize, usize)> = None;
    for (i, (&sh, (s, _))) in heads.iter().zip(surnames).enumerate() {
        if sh == h && rest.starts_with(s.as_bytes()) && longest.is_none_or(|(_, len)| len < s.len()) {
            longest = Some((i, s.len()));
        }
    }
    if let Some((i, len)) = longest {
        if is_whole_word(text, start, start + len) {
            found(start, start + len, i);
        }
    }
}

/// Whether a place of one of `surnames` in a text may run over the start
/// of another place of one (itself included): whether one holds a
/// character that is no letter or digit and, after it, the start of a
/// surname, or a surname starts with what follows it.
fn may_run_over(surnames: &[(&str, usize)]) -> bool {
    surnames.iter().any(|(s, _)| {
        // Most surnames are ASCII letters, told without reading characters.
        !s.bytes().all(|b| b.is_ascii_alphanumeric())
            && s.char_indices().filter(|&(_, c)| !is_letter_or_digit(c)).any(|(i, c)| {
                let rest = &s.as_bytes()[i + c.len_utf8()..];
                !rest.is_empty()
                    && surnames.iter().any(|(t, _)| {
                        let n = rest.len().min(t.len());
                        rest[..n] == t.as_bytes()[..n]
                    })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use glaneur_schema::DocumentBuf;

    use crate::capitalised_tokens;

    /// The whole-word places of the surnames as a search of the text finds
    /// them: the reference.
    fn by_search(text: &str, from: usize, surnames: &[(&str, usize)]) -> Vec<(usize, usize, usize)> {
        let names: Vec<&str> = surnames.iter().map(|&(s, _)| s).collect();
        glaneur_text::find_names(&text[from..], &names)
            .into_iter()
            .map(|(s, e, i)| (from + s, from + e, i))
            .filter(|&(s, e, _)| is_whole_word(text, s, e))
            .collect()
    }

    #[test]
    fn surnames_at_capitalised_tokens_are_those_a_search_of_the_text_finds() {
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        let pieces = [
            "Dupont",
            "Dupont-Aignan",
            "Aignan",
            "Aignan-Dupont",
            "Traoré-Diop",
            "Diop",
            "A-A",
            "Jean-Paul-Marc",
            "Paul",
            "O'Brien",
            "Brien",
            "O’Brien",
            "Botín",
            "BOTÍN",
            "Ann",
            "Anna",
            "Annanna",
            "Dupont2",
            "McDonald",
            "Donald",
            "Élise",
            "É",
            "e\u{301}",
            "\u{301}",
            "Ⓐbc",
            "l'",
            "d’",
            "-",
            "'",
            "’",
            ".",
            ",",
            " ",
            " ",
            " ",
            "\u{a0}",
            "\n",
            "x",
            "2",
            "« ",
        ];
        let mut next = crate::test_rng::numbers(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..20_000 {
            texts.push((0..next(30)).map(|_| pieces[next(pieces.len())]).collect());
        }
        // Occurrences found at the capitalised tokens, and all.
        let (mut at_tokens, mut found, mut searched) = (0, 0, 0);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let capitalised = capitalised_tokens(&doc);
            // Surnames of the text's capitalised words (and of the pieces),
            // sorted as the caller sorts them.
            let words = text.split([' ', ',', '.', '\n', '«']).filter(|w| w.starts_with(char::is_uppercase));
            // A surname starts with a capital, as the last word of a name does.
            let mut pool: Vec<&str> =
                words.chain(pieces.iter().copied()).filter(|w| w.starts_with(char::is_uppercase)).collect();
            pool.sort_unstable();
            pool.dedup();
            for _ in 0..4 {
                let mut surnames: Vec<(&str, usize)> =
                    (0..1 + next(4)).map(|_| (pool[next(pool.len())], next(text.len() + 1))).collect();
                surnames.sort_by_key(|&(s, _)| s);
                surnames.dedup_by_key(|&mut (s, _)| s);
                let spaces = text.bytes().enumerate().filter(|&(_, b)| b == b' ').map(|(i, _)| i + 1);
                for from in std::iter::once(0).chain(spaces).step_by(3) {
                    let mut fast = Vec::new();
                    whole_word_occurrences(&doc, &capitalised, from, &surnames, &mut |s, e, i| fast.push((s, e, i)));
                    assert_eq!(fast, by_search(text, from, &surnames), "{surnames:?} from {from} in {text:?}");
                    found += fast.len();
                    searched += 1;
                    if !may_run_over(&surnames) && !text[from..].contains(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
                        at_tokens += fast.len();
                    }
                }
            }
        }
        assert!(at_tokens > 5_000 && found > 10_000 && searched > 50_000, "{at_tokens} of {found} in {searched}");
    }
}
