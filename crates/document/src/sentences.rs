//! Sentence bounds over the tokens (the tokeniser finds the paragraphs,
//! which end at a blank line).
//!
//! A sentence ends at a line break, or after `.`, `!`, `?` or `…` (and the
//! closing quotes or parentheses after it) when whitespace and a word that
//! is not lower case follow — but not after an abbreviation (`M.`, `Mme.`,
//! `Dr.`) or an initial (`Léa K. Fontaine`).

use crate::token::{Bounds, Flags, Token, TokenKind};
use crate::tokenize::is_terminal;

/// Whether `form` is an abbreviation a period does not end a sentence
/// after, in folded form: a `match`, compiled to a switch on the length and
/// inline comparisons rather than a call to compare with each.
fn is_abbreviation(form: &str) -> bool {
    matches!(
        form,
        "m" | "mm"
            | "mme"
            | "mmes"
            | "mlle"
            | "mlles"
            | "dr"
            | "pr"
            | "me"
            | "mgr"
            | "st"
            | "ste"
            | "mr"
            | "mrs"
            | "ms"
            | "prof"
            | "cf"
            | "p"
            | "pp"
            | "vs"
            | "av"
            | "env"
            | "ex"
            | "jr"
            | "sr"
            | "gén"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "hon"
            | "fig"
            | "vol"
            | "no"
    )
}

/// The sentences of `tokens`, each flagged at its first token. `breaks`
/// are the tokens a sentence may end before or at ([`Tokenized::breaks`]):
/// the tokens between them only go on with the sentence. Found in `out`
/// (empty, its room kept from an earlier text or none).
///
/// [`Tokenized::breaks`]: crate::tokenize::Tokenized::breaks
pub(crate) fn sentences(
    text: &str,
    tokens: &mut [Token],
    breaks: &[u32],
    folded: &str,
    mut out: Vec<Bounds>,
) -> Vec<Bounds> {
    let piece = |t: &Token| &text[t.span()];
    // Its bytes, without the character boundary checks of a `str` slice.
    let bytes_of = |t: &Token| &text.as_bytes()[t.span()];
    // A sentence or a line every six tokens or so in news: room not to grow.
    out.reserve(tokens.len() / 5 + 4);
    let mut first = 0;
    // The next token to look at.
    let mut i = 0;
    let n = tokens.len();
    for &at in breaks {
        let at = at as usize;
        if at < i {
            // Taken with the marks before it (`?!`, `...`), or seen.
            continue;
        }
        i = at;
        if i > first && tokens[i].is_line_start() {
            out.push(bounds(first, i));
            first = i;
        }
        if tokens[i].kind() != TokenKind::Punct || !is_terminal(bytes_of(&tokens[i])) {
            i += 1;
            continue;
        }
        // `?!`, `...`, `. »`, `.)`: the sentence takes them all.
        let mut j = i + 1;
        while j < n && !tokens[j].is_line_start() && (is_terminal(bytes_of(&tokens[j])) || closes(&tokens[j], piece)) {
            j += 1;
        }
        if j < n && ends_before(tokens, j, piece) && !after_abbreviation(text, tokens, i, first, folded) {
            out.push(bounds(first, j));
            first = j;
        }
        i = j;
    }
    if first < n {
        out.push(bounds(first, n));
    }
    for b in &out {
        tokens[b.first as usize].insert(Flags::SENTENCE_START);
    }
    out
}

fn bounds(first: usize, end: usize) -> Bounds {
    Bounds { first: first as u32, end: end as u32 }
}

/// A closing quotation mark or parenthesis after a sentence's last mark.
fn closes<'t>(token: &Token, piece: impl Fn(&Token) -> &'t str) -> bool {
    match piece(token) {
        "»" | "›" => true,
        "”" | "\"" | "’" | "'" | ")" | "]" => token.is_joined(),
        _ => false,
    }
}

/// Whether a sentence may start at token `j`: after whitespace, and not a
/// lower-case word (`3.5`, `Yahoo!`, `etc. et` go on).
fn ends_before<'t>(tokens: &[Token], j: usize, piece: impl Fn(&Token) -> &'t str) -> bool {
    let next = &tokens[j];
    if next.is_joined() {
        return false;
    }
    match next.kind() {
        TokenKind::Word => next.is_capitalised() || !piece(next).chars().next().is_some_and(char::is_lowercase),
        _ => true,
    }
}

/// Whether the mark at `i` is a period after an abbreviation or an initial;
/// the sentence started at token `first`.
fn after_abbreviation(text: &str, tokens: &[Token], i: usize, first: usize, folded: &str) -> bool {
    if text.as_bytes()[tokens[i].span()] != *b"." || i == 0 || !tokens[i].is_joined() || !tokens[i - 1].is_word() {
        return false;
    }
    let word = &tokens[i - 1];
    let form = word.folded_in(text, folded);
    // None is longer than `mlles`.
    if form.len() <= 5 && is_abbreviation(form) {
        return true;
    }
    // An initial: one capital after a capitalised name, another initial,
    // or at the start of its sentence (`J. Dupont`), not `la série A.`.
    let one_capital = word.is_capitalised() && text[word.span()].chars().nth(1).is_none();
    one_capital
        && (i - 1 == first || {
            let before = &tokens[i - 2];
            before.is_capitalised() || matches!(&text[before.span()], "." | "-")
        })
}
