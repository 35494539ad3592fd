//! The items amounts are read from, one chunk at a time (see
//! [`crate::chunks`]): the Document's tokens, put together as money reads
//! them — numbers with their separators (`15 000`, `2,75`), words with
//! inner hyphens (`vingt-cinq`) and the apostrophe glued after them (`d’`,
//! `Nvidia’`), currency symbols, and paragraph breaks (which no amount
//! crosses) — each with its lowercased form.

use std::ops::Range;

use glaneur_numbers::is_group_space;
use glaneur_schema::{key_of_form, Document, Flags, Token as DocToken, TokenKind};
use glaneur_text::fold_into;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Digits, with the separators a number may contain (`15 000`, `2,75`).
    Num,
    /// Letters, with inner hyphens (`vingt-cinq`, `au-delà`).
    Word,
    /// A currency symbol.
    Sym,
    /// An apostrophe (`d'`, `d’`, `jusqu'à`).
    Apos,
    /// A blank line: the end of a paragraph.
    Break,
    /// Any other character.
    Punct,
}

/// A lexical item: a token with its lowercased text; a word glued to the
/// apostrophe after it is one item (`d'`, `l'`, `jusqu'`).
#[derive(Debug, Clone, PartialEq)]
pub struct Lex<'a> {
    /// Lowercased, `’` folded to `'`: the text itself when already so,
    /// as for every number, symbol and mark but apostrophes (so that a
    /// mark is told by its `lower`: `-`, `.`, `$`).
    pub lower: &'a str,
    /// The token kind (a glued word-apostrophe is a `Word`).
    pub kind: Kind,
    /// Words joined by a hyphen (`vingt-cinq`), told apart from the rest
    /// without looking for the hyphen in each word.
    pub hyphenated: bool,
    /// For a word, the form key of `lower` ([`glaneur_schema::key_of_form`]),
    /// 0 for any other item: a word one token makes has its token's, so
    /// that a word list's filter refuses most words by a bit test, before
    /// reading them (in the room the struct's padding left).
    pub key: u16,
    /// Byte span in the document.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Lex<'_> {
    /// Its text as written, in `doc` (the document it was lexed from):
    /// kept as its span rather than a slice, which items, made by the
    /// hundred thousand and read by the few, need not carry.
    pub fn text<'d>(&self, doc: &'d str) -> &'d str {
        &doc[self.start..self.end]
    }
}

/// Currency symbols the scanner keeps as [`Kind::Sym`].
pub fn is_currency_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪' | '฿' | '₣' | '₦' | '₱' | '¢')
}

/// Whether a token glued after a word and starting with `first` may join
/// it (a hyphen, an apostrophe: `'`, or the first byte of `’` or `ʼ`).
#[inline]
fn may_join(first: u8) -> bool {
    matches!(first, b'-' | b'\'' | 0xE2 | 0xCA)
}

/// Whether `piece` is an apostrophe: `'`, `’` or `ʼ`.
fn is_apostrophe(piece: &[u8]) -> bool {
    // `’` and `ʼ` in UTF-8.
    matches!(piece, b"'" | [0xE2, 0x80, 0x99] | [0xCA, 0xBC])
}

/// The items of a range, and those a caller picked among them.
#[derive(Debug, Default)]
pub struct Items<'a> {
    /// Every item, in order.
    pub all: Vec<Lex<'a>>,
    /// The indices in `all` of the items the caller's test picked, in
    /// order: a caller after a few items (the ones an amount may start at)
    /// need not walk them all again.
    pub picked: Vec<usize>,
    /// Working room: the items whose lowered form was written into the
    /// folds buffer, (index, span there), while they were lexed (emptied
    /// after; kept so that a caller lexing document after document does
    /// not allocate it anew).
    pub lowered: Vec<(usize, Range<usize>)>,
}

/// Every item of the Document's tokens that start in `range`, with the
/// breaks in the whitespace before them (from `range.start` on), in one
/// pass: anchors are dense (years, figures, amounts), and lexing a window
/// around each one read most of the text several times. The range is a
/// [`crate::chunks::Chunk`]'s, so that a long document is never held as
/// items all at once. A word that is one of the Document's tokens takes its
/// folded form from there; the lowered words put together from several
/// (`Vingt-Cinq`, `Nvidia’`) are written into `folds`, one buffer for the
/// chunk rather than an allocation per word. The items `pick` takes (asked
/// as each is made, with its final lowered form) are noted in
/// [`Items::picked`].
pub fn lex_range<'a>(
    doc: &Document<'a>,
    range: Range<usize>,
    folds: &'a mut String,
    pick: impl Fn(&Lex<'_>) -> bool,
) -> Items<'a> {
    lex_range_into(doc, range, folds, Items::default(), pick)
}

/// [`lex_range`], into the vectors of `into` (emptied first): a caller
/// lexing document after document keeps them, rather than allocating and
/// freeing room for every document's items.
// Kept out of its caller: inlined, the loop was compiled anew at every
// change to the code around it, its cost moving by millions of
// instructions either way; on its own it stays put.
#[inline(never)]
pub fn lex_range_into<'a>(
    doc: &Document<'a>,
    range: Range<usize>,
    folds: &'a mut String,
    into: Items<'a>,
    pick: impl Fn(&Lex<'_>) -> bool,
) -> Items<'a> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let all = doc.tokens();
    let first = all.partition_point(|t| t.start() < range.start);
    let mut i = first;
    folds.clear();
    let Items { all: mut out, mut picked, mut lowered } = into;
    out.clear();
    picked.clear();
    // About one item in five or six bytes of news text, more in texts dense
    // with figures: room enough in most not to grow (and copy) the vector.
    out.reserve(range.len() / 4 + 8);
    picked.reserve(range.len() / 16 + 4);
    // Pushes an item, noting it when picked (a word lowered into `folds` is
    // asked about once its lowered form is there: see below).
    let mut push = |out: &mut Vec<Lex<'a>>, item: Lex<'a>, lowered_as: Option<&str>| {
        let picked_now = match lowered_as {
            None => pick(&item),
            Some(lower) => pick(&Lex { lower, ..item.clone() }),
        };
        // Stored before its index is noted (the other order cost 1.5 M
        // instructions on bench2: the loop compiled less well).
        let at = out.len();
        out.push(item);
        if picked_now {
            picked.push(at);
        }
    };
    // The items whose lowered form is in `folds`: (index, span in `folds`).
    lowered.clear();
    // The whitespace before token `i` starts where the last item ended.
    let gap_start = |i: usize| if i > first { all[i - 1].end() } else { range.start };
    let ascii_digits = |t: &DocToken| bytes[t.span()].iter().all(u8::is_ascii_digit);
    let one_byte = |t: &DocToken, b: u8| t.end() == t.start() + 1 && bytes[t.start()] == b;
    // The tokens starting in the range end before token `stop`: read from
    // a slice ending there (testing each token's start instead cost 0.8 M
    // instructions more on bench2; a `filter` on `i < stop`, 4.3 M more).
    let stop = first + all[first..].partition_point(|t| t.start() < range.end);
    while let Some(t) = all[..stop].get(i) {
        // Two line breaks make a break, and the Document marks the tokens
        // after one.
        if t.is_line_start() {
            if let Some(item) = break_in(text, gap_start(i)..t.start()) {
                push(&mut out, item, None);
            }
        }
        let mut last = i;
        match t.kind() {
            // Most words have a space or a mark other than a hyphen or an
            // apostrophe after them (`mot,`): nothing joins them to what
            // follows.
            TokenKind::Word if all.get(i + 1).is_none_or(|n| !n.is_joined() || !may_join(bytes[n.start()])) => {
                let lower = doc.folded_of(t);
                let (start, end, key) = (t.start(), t.end(), t.form_key());
                let item = Lex { lower, kind: Kind::Word, hyphenated: false, key, start, end };
                push(&mut out, item, None);
            }
            TokenKind::Word => {
                // `vingt-cinq`: a hyphen glued between two words joins them.
                while let (Some(h), Some(w)) = (all.get(last + 1), all.get(last + 2)) {
                    let joins = h.is_joined() && one_byte(h, b'-') && w.is_joined() && w.is_word();
                    if !joins || all[last].has(Flags::ELIDED) {
                        break;
                    }
                    last += 2;
                }
                let joined = last;
                // A word that is no elision takes the apostrophe glued after it (`Nvidia’`).
                if !all[last].has(Flags::ELIDED) {
                    let end = all[last].end();
                    let apostrophe = all.get(last + 1).filter(|a| {
                        a.start() == end && a.start() < range.end && !a.is_word() && is_apostrophe(&bytes[a.span()])
                    });
                    last += usize::from(apostrophe.is_some());
                }
                let end = all[last].end();
                let piece = &text[t.start()..end];
                let (lower, folded_at, key) = if last == i {
                    (doc.folded_of(t), None, t.form_key())
                } else {
                    let from = folds.len();
                    let folded = fold_into(piece, folds).then_some(from..folds.len());
                    let key = key_of_form(folded.clone().map_or(piece, |span| &folds[span]));
                    (piece, folded, key)
                };
                let hyphenated = joined > i;
                let item = Lex { lower, kind: Kind::Word, hyphenated, key, start: t.start(), end };
                // Its lowered form is in `folds`, borrowed for good once the chunk is lexed.
                if let Some(span) = folded_at {
                    lowered.push((out.len(), span.clone()));
                    push(&mut out, item, Some(&folds[span]));
                } else {
                    push(&mut out, item, None);
                }
            }
            TokenKind::Number if ascii_digits(t) => {
                // Separators, each followed by digits: `,` or `.` glued on
                // both sides; a group space after a first group of at most
                // three digits, before exactly three (`en 2024 15 000`
                // keeps the year apart).
                let mut group_len = t.end() - t.start();
                loop {
                    let next = |k: usize| all.get(last + k);
                    let glued_sep = next(1).filter(|s| s.is_joined() && (one_byte(s, b',') || one_byte(s, b'.')));
                    let digits_after = next(2).filter(|n| n.is_joined() && n.is_number() && ascii_digits(n));
                    if let (Some(_), Some(n)) = (glued_sep, digits_after) {
                        group_len = n.end() - n.start();
                        last += 2;
                        continue;
                    }
                    let spaced = next(1).filter(|n| !n.is_joined() && n.is_number() && ascii_digits(n));
                    let Some(n) = spaced else { break };
                    let mut gap = text[all[last].end()..n.start()].chars();
                    let one_group_space = gap.next().is_some_and(is_group_space) && gap.next().is_none();
                    if !one_group_space || group_len > 3 || n.end() - n.start() != 3 {
                        break;
                    }
                    group_len = 3;
                    last += 1;
                }
                let piece = &text[t.start()..all[last].end()];
                let end = all[last].end();
                let item = Lex { lower: piece, kind: Kind::Num, hyphenated: false, key: 0, start: t.start(), end };
                push(&mut out, item, None);
            }
            TokenKind::Number => {
                // Digits of another script: one mark each, as any character
                // money does not read.
                for (k, c) in doc.text_of(t).char_indices() {
                    let (start, end) = (t.start() + k, t.start() + k + c.len_utf8());
                    let piece = &text[start..end];
                    let item = Lex { lower: piece, kind: Kind::Punct, hyphenated: false, key: 0, start, end };
                    push(&mut out, item, None);
                }
            }
            _ => {
                // Most marks are one ASCII byte: `,`, `.`, `(`; `$` is the
                // one currency symbol there. Their text is one of a table's,
                // rather than a slice of the document checked at both ends.
                let first = bytes[t.start()];
                let (kind, lower) = match first {
                    b'\'' if t.end() == t.start() + 1 => (Kind::Apos, "'"),
                    _ if first.is_ascii() && t.end() == t.start() + 1 => {
                        let lower = ONE_BYTE[usize::from(first & 0x7f)];
                        (if first == b'$' { Kind::Sym } else { Kind::Punct }, lower)
                    }
                    _ => {
                        let piece = doc.text_of(t);
                        match piece.as_bytes() {
                            [b'$', ..] => (Kind::Sym, piece),
                            [b, ..] if b.is_ascii() => (Kind::Punct, piece),
                            _ => other_mark(piece),
                        }
                    }
                };
                let item = Lex { lower, kind, hyphenated: false, key: 0, start: t.start(), end: t.end() };
                push(&mut out, item, None);
            }
        }
        i = last + 1;
    }
    // Whitespace ending the range.
    let end = range.end.min(text.len());
    if gap_start(i) < end && all.get(i).is_none_or(|t| t.start() >= end) {
        if let Some(item) = break_in(text, gap_start(i)..end) {
            push(&mut out, item, None);
        }
    }
    let folds: &'a String = folds;
    for (at, span) in lowered.drain(..) {
        out[at].lower = &folds[span];
    }
    Items { all: out, picked, lowered }
}

/// The 128 ASCII bytes, each its own value.
static ASCII: [u8; 128] = {
    let mut bytes = [0; 128];
    let mut b = 0;
    while b < 128 {
        bytes[b] = b as u8;
        b += 1;
    }
    bytes
};

/// Each ASCII character as a string of its own, by its byte: the text of
/// a one-byte mark, the same as the document's.
static ONE_BYTE: [&str; 128] = {
    let mut strings = [""; 128];
    let mut b = 0;
    while b < 128 {
        let (_, from) = ASCII.split_at(b);
        let (byte, _) = from.split_at(1);
        // Every ASCII byte is a character of its own.
        if let Ok(string) = std::str::from_utf8(byte) {
            strings[b] = string;
        }
        b += 1;
    }
    strings
};

/// The kind and lowered form of a mark (`’`, `€`, `«`): an apostrophe, a
/// currency symbol or any other mark.
fn other_mark(piece: &str) -> (Kind, &str) {
    if is_apostrophe(piece.as_bytes()) {
        (Kind::Apos, "'")
    } else if piece.starts_with(is_currency_symbol) {
        (Kind::Sym, piece)
    } else {
        (Kind::Punct, piece)
    }
}

/// A [`Kind::Break`] for `gap` (whitespace) if it holds two line breaks.
fn break_in(text: &str, gap: Range<usize>) -> Option<Lex<'_>> {
    // The gaps asked about are short (a line break and a few spaces): a
    // plain count costs less than setting up a search.
    let two_lines = || text.as_bytes()[gap.clone()].iter().filter(|&&b| b == b'\n').nth(1).is_some();
    (gap.end >= gap.start + 2 && two_lines()).then(|| {
        let piece = &text[gap.clone()];
        Lex { lower: piece, kind: Kind::Break, hyphenated: false, key: 0, start: gap.start, end: gap.end }
    })
}

/// The tokens and items money put together before [`lex_range`] did it in
/// one pass: the reference it is checked against.
#[cfg(test)]
pub(crate) mod reference {
    use super::*;

    /// One token and its byte span in the document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Token {
        /// Its kind.
        pub kind: Kind,
        /// First byte.
        pub start: usize,
        /// One past the last byte.
        pub end: usize,
    }

    impl Token {
        /// Its text.
        pub fn text<'a>(&self, doc: &'a str) -> &'a str {
            &doc[self.start..self.end]
        }
    }

    /// The money tokens of the Document's tokens that start in `range`, with
    /// the breaks in the whitespace before them (from `range.start` on).
    pub fn tokens_in(doc: &Document<'_>, range: Range<usize>) -> Vec<Token> {
        let text = doc.text();
        let all = doc.tokens();
        let mut i = all.partition_point(|t| t.start() < range.start);
        // About one token in five bytes of news text.
        let mut out = Vec::with_capacity(range.len() / 5);
        let mut gap_start = range.start;
        let ascii_digits = |t: &DocToken| text[t.span()].bytes().all(|b| b.is_ascii_digit());
        while let Some(t) = all.get(i).filter(|t| t.start() < range.end) {
            push_break(text, gap_start..t.start(), &mut out);
            let piece = &text[t.span()];
            let mut last = i;
            match t.kind() {
                TokenKind::Number if ascii_digits(t) => {
                    // Separators, each followed by digits: `,` or `.` glued on
                    // both sides; a group space after a first group of at most
                    // three digits, before exactly three (`en 2024 15 000`
                    // keeps the year apart).
                    let mut group_len = piece.len();
                    loop {
                        let next = |k: usize| all.get(last + k);
                        let glued_sep = next(1).filter(|s| s.is_joined() && matches!(&text[s.span()], "," | "."));
                        let digits_after = next(2).filter(|n| n.is_joined() && n.is_number() && ascii_digits(n));
                        if let (Some(_), Some(n)) = (glued_sep, digits_after) {
                            group_len = n.end() - n.start();
                            last += 2;
                            continue;
                        }
                        let spaced = next(1).filter(|n| !n.is_joined() && n.is_number() && ascii_digits(n));
                        let Some(n) = spaced else { break };
                        let mut gap = text[all[last].end()..n.start()].chars();
                        let one_group_space = gap.next().is_some_and(is_group_space) && gap.next().is_none();
                        if !one_group_space || group_len > 3 || n.end() - n.start() != 3 {
                            break;
                        }
                        group_len = 3;
                        last += 1;
                    }
                    out.push(Token { kind: Kind::Num, start: t.start(), end: all[last].end() });
                }
                TokenKind::Number => {
                    // Digits of another script: one mark each, as any character
                    // money does not read.
                    out.extend(piece.char_indices().map(|(k, c)| {
                        let start = t.start() + k;
                        Token { kind: Kind::Punct, start, end: start + c.len_utf8() }
                    }));
                }
                TokenKind::Word => {
                    // `vingt-cinq`: a hyphen glued between two words joins them.
                    while let (Some(h), Some(w)) = (all.get(last + 1), all.get(last + 2)) {
                        let joins = h.is_joined() && &text[h.span()] == "-" && w.is_joined() && w.is_word();
                        if !joins || all[last].has(Flags::ELIDED) {
                            break;
                        }
                        last += 2;
                    }
                    let end = all[last].end();
                    // An elision's apostrophe is a token of its own here (`d` `’`).
                    let apostrophe = text[..end].chars().next_back().filter(|_| all[last].has(Flags::ELIDED));
                    match apostrophe {
                        Some(a) => {
                            let cut = end - a.len_utf8();
                            out.push(Token { kind: Kind::Word, start: t.start(), end: cut });
                            out.push(Token { kind: Kind::Apos, start: cut, end });
                        }
                        None => out.push(Token { kind: Kind::Word, start: t.start(), end }),
                    }
                }
                _ => {
                    let kind = match piece {
                        "'" | "’" | "ʼ" => Kind::Apos,
                        p if p.chars().next().is_some_and(is_currency_symbol) => Kind::Sym,
                        _ => Kind::Punct,
                    };
                    out.push(Token { kind, start: t.start(), end: t.end() });
                }
            }
            gap_start = all[last].end();
            i = last + 1;
        }
        // Whitespace ending the range.
        let end = range.end.min(text.len());
        if gap_start < end && all.get(i).is_none_or(|t| t.start() >= end) {
            push_break(text, gap_start..end, &mut out);
        }
        out
    }

    /// A [`Kind::Break`] for `gap` (whitespace) if it holds two line breaks.
    fn push_break(text: &str, gap: Range<usize>, out: &mut Vec<Token>) {
        // Most gaps are one space: too short for two line breaks, and a search
        // set up for every one of them was a twentieth of money's time.
        if gap.end >= gap.start + 2 && memchr::memchr_iter(b'\n', &text.as_bytes()[gap.clone()]).nth(1).is_some() {
            out.push(Token { kind: Kind::Break, start: gap.start, end: gap.end });
        }
    }

    /// The items of `tokens`, as money lowered them before [`lex_range`].
    pub fn lex<'a>(document: &Document<'a>, tokens: &[Token], folds: &'a mut String) -> Vec<Lex<'a>> {
        let doc = document.text();
        // The Document's token at or after the last item: a word that is one
        // of its tokens (`Milliards`, `d’`) takes its folded form from there.
        let doc_tokens = document.tokens();
        let mut k = tokens.first().map_or(0, |t| doc_tokens.partition_point(|d| d.start() < t.start));
        folds.clear();
        let mut out: Vec<Lex<'a>> = Vec::with_capacity(tokens.len());
        // The items whose lowered form is in `folds`: (index, span in `folds`).
        let mut lowered: Vec<(usize, Range<usize>)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let glued_apostrophe =
                t.kind == Kind::Word && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Apos && n.start == t.end);
            // Folding maps the apostrophe (`’`, `ʼ`) to `'` too.
            let end = if glued_apostrophe { tokens[i + 1].end } else { t.end };
            let text = &doc[t.start..end];
            // Only words change when folded: numbers, symbols and the rest are
            // the same lower-cased.
            let lower = match t.kind {
                Kind::Apos => "'",
                Kind::Word => {
                    while doc_tokens.get(k).is_some_and(|d| d.start() < t.start) {
                        k += 1;
                    }
                    match doc_tokens.get(k).filter(|d| d.start() == t.start && d.end() == end) {
                        Some(d) => document.folded_of(d),
                        None => {
                            // Words joined by a hyphen (`Vingt-Cinq`), or glued to an apostrophe
                            // that is no elision (`Nvidia’`).
                            let from = folds.len();
                            if fold_into(text, folds) {
                                lowered.push((out.len(), from..folds.len()));
                            }
                            text
                        }
                    }
                }
                _ => text,
            };
            let hyphenated = t.kind == Kind::Word && text.contains('-');
            out.push(Lex { lower, kind: t.kind, hyphenated, key: 0, start: t.start, end });
            i += if glued_apostrophe { 2 } else { 1 };
        }
        let folds: &'a String = folds;
        for (at, span) in lowered {
            out[at].lower = &folds[span];
        }
        for item in out.iter_mut().filter(|l| l.kind == Kind::Word) {
            item.key = key_of_form(item.lower);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::reference::{lex, tokens_in, Token};
    use super::*;
    use glaneur_text::is_letter;
    use glaneur_text::kept::recycle;

    /// The byte scanner money used before the Document: the reference the
    /// tokens put together from the Document's are checked against.
    /// The character at `i` and its length, with a fast path for ASCII (most
    /// of the text, even in French).
    #[inline]
    fn char_at(doc: &str, i: usize) -> (char, usize) {
        let b = doc.as_bytes()[i];
        if b.is_ascii() {
            (char::from(b), 1)
        } else {
            let c = doc[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8())
        }
    }

    /// Tokenises `doc[range]` (char boundaries), with offsets in `doc`. A token
    /// cut by the range's end ends there; from a [`crate::chunks`] sync point
    /// on, the tokens are those of the whole document.
    pub fn tokenize_in(doc: &str, range: Range<usize>) -> Vec<Token> {
        // About one token in five bytes of news text.
        let mut tokens = Vec::with_capacity(range.len() / 5);
        let bytes = doc.as_bytes();
        let to = range.end;
        let mut i = range.start;
        while i < to {
            let (c, len) = char_at(doc, i);
            if c == ' ' {
                // Fast path: one space between words is no token.
                if i + 1 >= to || (bytes[i + 1].is_ascii() && !matches!(bytes[i + 1], b'\t'..=b'\r' | b' ')) {
                    i += 1;
                    continue;
                }
            }
            if c.is_whitespace() {
                let mut j = i;
                let mut newlines = 0;
                while j < to {
                    let (w, w_len) = char_at(doc, j);
                    if !w.is_whitespace() {
                        break;
                    }
                    newlines += usize::from(w == '\n');
                    j += w_len;
                }
                if newlines >= 2 {
                    tokens.push(Token { kind: Kind::Break, start: i, end: j });
                }
                i = j;
            } else if c.is_ascii_digit() {
                let end = number_end(doc, i, to);
                tokens.push(Token { kind: Kind::Num, start: i, end });
                i = end;
            } else if is_letter(c) {
                let mut j = i + len;
                while j < to {
                    if bytes[j].is_ascii_alphabetic() {
                        j += 1;
                        continue;
                    }
                    let (w, w_len) = char_at(doc, j);
                    if is_letter(w) {
                        j += w_len;
                    } else if w == '-' && j + 1 < to && is_letter(char_at(doc, j + 1).0) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                tokens.push(Token { kind: Kind::Word, start: i, end: j });
                i = j;
            } else {
                let kind = match c {
                    '\'' | '’' | 'ʼ' => Kind::Apos,
                    c if is_currency_symbol(c) => Kind::Sym,
                    _ => Kind::Punct,
                };
                tokens.push(Token { kind, start: i, end: i + len });
                i += len;
            }
        }
        tokens
    }

    /// End of the number starting at `start`: digits, and separators (`,` `.`
    /// or a group space) each followed by a digit. A group space must follow a
    /// first group of at most three digits (or a three-digit group) and precede
    /// exactly three digits, so `en 2024 15 000` keeps the year apart.
    fn number_end(doc: &str, start: usize, to: usize) -> usize {
        let bytes = &doc.as_bytes()[..to];
        let digits_from = |mut j: usize| {
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            j
        };
        let mut end = digits_from(start);
        let mut group_len = end - start;
        while let Some(sep) = doc[end..to].chars().next() {
            let after = end + sep.len_utf8();
            if !bytes.get(after).is_some_and(u8::is_ascii_digit) {
                break;
            }
            let next_end = digits_from(after);
            if is_group_space(sep) {
                let three_follow = next_end - after == 3;
                if group_len > 3 || !three_follow {
                    break;
                }
            } else if sep != ',' && sep != '.' {
                break;
            }
            group_len = next_end - after;
            end = next_end;
        }
        end
    }

    /// Checks the items of `text[range]` made in one pass against those
    /// of the tokens put together.
    fn check_items(text: &str, range: Range<usize>) {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
        let doc = buf.document();
        let (mut folds, mut reference_folds) = (String::new(), String::new());
        let one = lex_range(&doc, range.clone(), &mut folds, |_| false).all;
        let two = lex(&doc, &tokens_in(&doc, range.clone()), &mut reference_folds);
        assert_eq!(one, two, "{text} {range:?}");
        // The grammar tells marks by their lowered form.
        for item in one.iter().filter(|l| !matches!(l.kind, Kind::Word | Kind::Apos)) {
            assert_eq!(item.lower, item.text(text), "{text} {range:?}");
        }
    }

    #[test]
    fn items_in_one_pass_are_those_of_the_tokens_put_together() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts
            .push("L’’ Nvidia’s vingt-d’accord ’ x' dollars' ٤٠ $5 US$ 1 234,5\n\n\u{2003}\nVingt-Cinq d'\n \n".into());
        for text in &texts {
            check_items(text, 0..text.len());
            // From a sync point (a chunk's start) to any character boundary
            // (a chunk's lexed end).
            let bytes = text.as_bytes();
            let start = (1..bytes.len()).find(|&i| bytes[i] == b' ' && bytes[i - 1].is_ascii_alphabetic()).unwrap_or(0);
            let ends = (start..=text.len()).filter(|&e| text.is_char_boundary(e));
            for end in ends.step_by(if text.len() > 400 { 7 } else { 1 }) {
                check_items(text, start..end);
            }
        }
    }

    #[test]
    fn recycled_items_keep_their_room() {
        let text = "Vingt-Cinq d'euros, 5 $";
        let buf = glaneur_schema::DocumentBuf::new(text).expect("small");
        let mut folds = String::new();
        let items = lex_range(&buf.document(), 0..text.len(), &mut folds, |_| true);
        let room = items.all.capacity();
        assert!(room > 0 && !items.all.is_empty() && !items.picked.is_empty());
        let kept: Vec<Lex<'static>> = recycle(items.all);
        assert_eq!((kept.len(), kept.capacity()), (0, room));
        // Lexing into them again gives what lexing anew gives.
        let mut again = String::new();
        let into = Items { all: kept, picked: items.picked, lowered: items.lowered };
        let relexed = lex_range_into(&buf.document(), 0..text.len(), &mut again, into, |l| l.kind == Kind::Num);
        let mut fresh_folds = String::new();
        let fresh = lex_range(&buf.document(), 0..text.len(), &mut fresh_folds, |l| l.kind == Kind::Num);
        assert_eq!((relexed.all, relexed.picked), (fresh.all, fresh.picked));
    }

    #[test]
    fn each_ascii_byte_has_its_own_string() {
        for (b, string) in ONE_BYTE.iter().enumerate() {
            assert_eq!(string.as_bytes(), [b as u8], "{b}");
        }
    }

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("small");
        tokens_in(&buf.document(), 0..text.len()).iter().map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn the_documents_tokens_put_together_are_the_byte_scanners() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push("x 1 234,5 et 12 345 678 ; 2024 15 000 ; 3.5.6 ; 1 2345 ; vingt-cinq- -x l’État\n \n".into());
        assert!(texts.len() > 100);
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            assert_eq!(tokens_in(&buf.document(), 0..text.len()), tokenize_in(text, 0..text.len()), "{text}");
            // From a sync point (a chunk's start: whitespace after a letter or a mark).
            let bytes = text.as_bytes();
            if let Some(at) = (1..bytes.len()).find(|&i| bytes[i] == b' ' && bytes[i - 1].is_ascii_alphabetic()) {
                assert_eq!(tokens_in(&buf.document(), at..text.len()), tokenize_in(text, at..text.len()), "{text}");
            }
        }
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(kinds("15\u{202f}000 €"), [(Kind::Num, "15\u{202f}000"), (Kind::Sym, "€")]);
        assert_eq!(kinds("2,75 milliards."), [(Kind::Num, "2,75"), (Kind::Word, "milliards"), (Kind::Punct, ".")]);
        assert_eq!(kinds("en 2024 15 000"), [(Kind::Word, "en"), (Kind::Num, "2024"), (Kind::Num, "15 000")]);
        assert_eq!(kinds("$1.5bn"), [(Kind::Sym, "$"), (Kind::Num, "1.5"), (Kind::Word, "bn")]);
    }

    #[test]
    fn words_apostrophes_and_breaks() {
        assert_eq!(
            kinds("d’euros\n\nvingt-cinq"),
            [
                (Kind::Word, "d"),
                (Kind::Apos, "’"),
                (Kind::Word, "euros"),
                (Kind::Break, "\n\n"),
                (Kind::Word, "vingt-cinq")
            ]
        );
    }
}
