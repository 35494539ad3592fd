//! The tokeniser's main loop and its reading of a word's letters as they
//! were before they were restructured (at 5dabd85), kept for tests only: a
//! proptest compares the tokeniser with it on arbitrary texts. What the
//! restructuring left as it was (the classes of characters, digits,
//! elisions, folding) is the tokeniser's own, called from here; the words'
//! form keys are computed afterwards, from their folded forms.

use super::{
    class_at, digits, elision_after, fold_ascii, fold_piece, is_terminal, letter_case, Class, Tokenized, CASE, LOWER,
    UPPER,
};
use crate::form_key::form_key;
use crate::language::{Guess, REACH};
use crate::token::{Bounds, Flags, Token, TokenKind};

/// The tokens of `text`, with the folded forms that differ from the text
/// appended to `folded`.
pub(crate) fn tokenize(text: &str, folded: &mut String) -> Tokenized {
    let bytes = text.as_bytes();
    // News averages one token per five or six bytes: room enough not to
    // grow (and copy) the vector in most texts.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 8);
    // News has a line break or a period every 30 bytes or so, a blank line
    // every 130: room enough not to grow these either.
    let mut breaks: Vec<u32> = Vec::with_capacity(text.len() / 24 + 8);
    let mut paragraphs: Vec<Bounds> = Vec::with_capacity(text.len() / 64 + 4);
    // The first token of the current paragraph.
    let mut paragraph = 0;
    let mut guess = Guess::default();
    // The flags the whitespace since the last token gives the next one:
    // joined until whitespace comes.
    let mut gap = Flags::LINE_START | Flags::PARAGRAPH_START;
    // The last whitespace seen was a line break followed only by spaces,
    // tabs and carriage returns: the next one makes a blank line.
    let mut after_newline = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Words first, the commonest tokens: an ASCII letter takes a branch
        // of its own rather than the jump table of classes.
        // (`b | 0x20` is lower case for a letter; one comparison then.)
        let (class, len) = if (b | 0x20).wrapping_sub(b'a') < 26 { (Class::Letter, 1) } else { class_at(bytes, i) };
        // The byte after the token (0 at the end of the text).
        let next = if class == Class::Letter {
            let start = i;
            let word = letters(bytes, i);
            i = word.end;
            let mut flags = gap | word.flags;
            let mut fold = word.fold;
            // An elision takes its apostrophe: `l'` + `État`.
            let apostrophe_len = match word.stop {
                b'\'' | 0xE2 | 0xCA => elision_after(bytes, start, i).unwrap_or(0),
                _ => 0,
            };
            if apostrophe_len > 0 {
                flags.insert(Flags::ELIDED);
                fold |= apostrophe_len > 1;
                i += apostrophe_len;
            }
            let folded_span = match (fold, word.ascii) {
                (false, _) => None,
                (true, true) => Some(fold_ascii(&text[start..word.end], apostrophe_len > 0, folded)),
                (true, false) => fold_piece(&text[start..i], folded),
            };
            if i <= REACH {
                let (source, span, case) = match &folded_span {
                    // An ASCII word folds to its text in lower case: read
                    // from the text, where eight bytes load at once (its
                    // folded form ends the folded buffer).
                    Some(span) if word.ascii && span.len() == i - start => (bytes, start..i, 0x20),
                    Some(span) => (folded.as_bytes(), span.clone(), 0),
                    None => (bytes, start..i, 0),
                };
                guess.count(source, span.start, span.end, case);
            }
            tokens.push(Token::new(start, i, TokenKind::Word, flags).with_folded(folded_span));
            if apostrophe_len > 0 {
                bytes.get(i).copied().unwrap_or(0)
            } else {
                word.stop
            }
        } else {
            match class {
                Class::Letter => unreachable!("taken above"),
                Class::Space => {
                    gap = gap.without(Flags::JOINED);
                    if !matches!(b, b' ' | b'\t' | b'\r') {
                        after_newline = false;
                    }
                    i += len;
                    continue;
                }
                Class::Newline => {
                    gap = gap.without(Flags::JOINED) | Flags::LINE_START;
                    if after_newline {
                        gap.insert(Flags::PARAGRAPH_START);
                    }
                    after_newline = true;
                    i += 1;
                    continue;
                }
                Class::Digit => {
                    let end = digits(bytes, i);
                    tokens.push(Token::new(i, end, TokenKind::Number, gap));
                    i = end;
                }
                Class::Apostrophe => {
                    // Inside a word (`O'Brien`, `Nvidia’s`) it is punctuation;
                    // elsewhere a quotation mark.
                    let inside = gap.contains(Flags::JOINED)
                        && tokens.last().is_some_and(|t| t.is_word() && t.end() == i)
                        && i + len < bytes.len()
                        && class_at(bytes, i + len).0 == Class::Letter;
                    let kind = if inside { TokenKind::Punct } else { TokenKind::Quote };
                    let folded_span = if len > 1 { fold_piece(&text[i..i + len], folded) } else { None };
                    tokens.push(Token::new(i, i + len, kind, gap).with_folded(folded_span));
                    i += len;
                }
                Class::Punct => {
                    if is_terminal(&bytes[i..i + len]) {
                        breaks.push(tokens.len() as u32);
                    }
                    tokens.push(Token::new(i, i + len, TokenKind::Punct, gap));
                    i += len;
                }
                Class::Quote | Class::Symbol => {
                    let kind = if class == Class::Quote { TokenKind::Quote } else { TokenKind::Symbol };
                    tokens.push(Token::new(i, i + len, kind, gap));
                    i += len;
                }
            }
            bytes.get(i).copied().unwrap_or(0)
        };
        if gap.intersects(Flags::LINE_START | Flags::PARAGRAPH_START) {
            let at = tokens.len() as u32 - 1;
            breaks.push(at);
            if gap.contains(Flags::PARAGRAPH_START) && at > 0 {
                paragraphs.push(Bounds { first: paragraph, end: at });
                paragraph = at;
            }
        }
        // After a token: the next is joined to it unless whitespace comes
        // between; one space, the commonest gap, is taken here, without a
        // branch (whether it comes is a toss-up the predictor often loses).
        after_newline = false;
        let space = next == b' ';
        gap = if space { Flags::default() } else { Flags::JOINED };
        i += usize::from(space);
    }
    if (paragraph as usize) < tokens.len() {
        paragraphs.push(Bounds { first: paragraph, end: tokens.len() as u32 });
    }
    // Each word's form key, from its folded form once it is known.
    for token in tokens.iter_mut().filter(|t| t.is_word()) {
        *token = token.with_key(form_key(token.folded_bytes_in(bytes, folded.as_bytes())));
    }
    Tokenized { tokens, breaks, paragraphs, guess }
}

/// A run of letters: where it ends, its flags, whether it needs folding,
/// whether it is all ASCII.
struct Letters {
    end: usize,
    flags: Flags,
    fold: bool,
    ascii: bool,
    /// The byte at `end` (0 at the end of the text).
    stop: u8,
}

/// The length of the run of ASCII letters at `start`, its case bits, and
/// the byte that stops it (0 at the end of the text).
#[inline]
fn ascii_letters(bytes: &[u8], start: usize) -> (usize, u8, u8) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let mut i = start;
    let mut cases = 0;
    // Eight bytes at a time: each byte's high bit says whether it is a
    // letter, then whether a capital (bit 5 clear), with no carry between
    // bytes (each is at most 0x7F before an addition of at most 0x1F).
    while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
        let word = u64::from_le_bytes(chunk);
        let lowered = (word | (ONES * 0x20)) & !HIGH;
        let from_a = lowered + ONES * u64::from(0x80 - b'a');
        let past_z = lowered + ONES * u64::from(0x80 - b'z' - 1);
        let letters = from_a & !past_z & !word & HIGH;
        let capitals = letters & !(word << 2);
        // The high bits of the bytes that are not letters; the run is the
        // bytes below the first (all 8 when there is none).
        let stops = !letters & HIGH;
        let run = stops.trailing_zeros() / 8;
        let in_run = stops.wrapping_sub(1) & !stops;
        cases |= (u8::from(letters & !capitals & in_run != 0) * LOWER) | (u8::from(capitals & in_run != 0) * UPPER);
        i += run as usize;
        if run < 8 {
            // The stop byte from the chunk already loaded: what comes after
            // the word is known without waiting on another load.
            return (i - start, cases, (word >> (run * 8)) as u8);
        }
    }
    while let Some(&b) = bytes.get(i) {
        let case = if b < 0x80 { CASE[b as usize] } else { 0 };
        if case == 0 {
            return (i - start, cases, b);
        }
        cases |= case;
        i += 1;
    }
    (i - start, cases, 0)
}

/// The run of letters starting at `start`.
#[inline]
fn letters(bytes: &[u8], start: usize) -> Letters {
    // ASCII letters, the bulk of a word, and often all of it.
    let (run, mut cases, mut stop) = ascii_letters(bytes, start);
    // The case of the first letter that has one (not a combining accent):
    // an ASCII letter is a capital when its bit 5 is clear.
    let mut first = match run {
        0 => 0,
        _ if bytes[start] & 0x20 == 0 => UPPER,
        _ => LOWER,
    };
    let mut ascii = true;
    let mut i = start + run;
    while stop >= 0x80 {
        let Some((case, len)) = letter_case(bytes, i) else { break };
        if first == 0 {
            first = case;
        }
        cases |= case;
        ascii = false;
        i += len;
        let (run, run_cases, next) = ascii_letters(bytes, i);
        if first == 0 && run > 0 {
            first = CASE[bytes[i] as usize];
        }
        cases |= run_cases;
        i += run;
        stop = next;
    }
    let mut flags = Flags::default();
    if first == UPPER {
        flags.insert(Flags::CAPITALISED);
    }
    if cases == UPPER {
        flags.insert(Flags::ALL_CAPITALS);
    }
    Letters { end: i, flags, fold: cases & UPPER != 0, ascii, stop }
}
