//! Cutting a text into tokens in one pass over its bytes: runs of ASCII
//! letters a chunk of bytes at a time ([`chunk`]), other ASCII through a
//! table of byte classes, other characters decoded and classed once. The
//! same pass finds the paragraphs, the tokens a sentence may end at, and
//! counts the words the language is guessed from.

mod chunk;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::form_key::{form_key_at, form_key_of_head, head};
use crate::language::{Guess, REACH};
use crate::token::{Bounds, Flags, Token, TokenKind};

/// What a character is to the tokeniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Continues or starts a word (combining accents too).
    Letter,
    /// Continues or starts a number.
    Digit,
    /// Whitespace other than a line break.
    Space,
    /// `\n`.
    Newline,
    /// `'`, `’`, `ʼ`: an elision, an apostrophe inside a word, or a quote.
    Apostrophe,
    /// A quotation mark.
    Quote,
    /// A symbol.
    Symbol,
    /// Any other punctuation.
    Punct,
}

/// The class of each ASCII byte.
static ASCII: [Class; 128] = {
    let mut table = [Class::Punct; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'\n' => Class::Newline,
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => Class::Space,
            b'\'' => Class::Apostrophe,
            b'"' => Class::Quote,
            b'$' | b'%' | b'&' | b'+' | b'<' | b'=' | b'>' | b'@' | b'#' | b'*' | b'^' | b'|' | b'~' => Class::Symbol,
            _ => Class::Punct,
        };
        b += 1;
    }
    table
};

/// For each byte after a run of ASCII letters, whether it ends the word:
/// any ASCII byte but an apostrophe, which may end an elision (a byte from
/// 0x80 on starts a character that may be a letter or `’`). One lookup for
/// the commonest question of the loop.
static ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = b != b'\'' as usize;
        b += 1;
    }
    table
};

/// The form key of `à`.
const A_KEY: u16 = form_key_of_head(0xA0C3, 2);

/// The class of a character outside ASCII.
fn class_of(c: char) -> Class {
    match c {
        '’' | 'ʼ' => Class::Apostrophe,
        '«' | '»' | '“' | '”' | '„' | '‟' | '‘' | '‚' | '‹' | '›' | '「' | '」' | '『' | '』' => {
            Class::Quote
        }
        '\u{300}'..='\u{36f}' => Class::Letter,
        '¢' | '£' | '¤' | '¥' | '¦' | '§' | '©' | '¬' | '®' | '°' | '±' | '×' | '÷' | '‰' | '\u{20a0}'..='\u{20cf}' => {
            Class::Symbol
        }
        c if glaneur_text::is_letter(c) => Class::Letter,
        c if glaneur_text::is_letter_or_digit(c) => Class::Digit,
        c if c.is_whitespace() => Class::Space,
        '\u{a1}'..='\u{bf}' | '\u{2010}'..='\u{205e}' | '\u{3000}'..='\u{303f}' => Class::Punct,
        _ => Class::Symbol,
    }
}

/// The class of the character at byte `at` of `bytes` (a string's bytes,
/// `at` a character boundary) and its length in bytes.
#[inline]
fn class_at(bytes: &[u8], at: usize) -> (Class, usize) {
    let b = bytes[at];
    if b < 0x80 {
        return (ASCII[b as usize], 1);
    }
    // The Latin-1 letters of French (`é`, `À`) and its no-break space,
    // from their two bytes.
    match (b, bytes.get(at + 1)) {
        (0xC3, Some(0x97 | 0xB7)) => return (Class::Symbol, 2),
        (0xC3, Some(_)) => return (Class::Letter, 2),
        (0xC2, Some(0xA0)) => return (Class::Space, 2),
        _ => {}
    }
    let c = decode(bytes, at);
    (class_of(c), c.len_utf8())
}

/// The character outside ASCII starting at byte `at` of `bytes` (a
/// string's bytes, `at` a character boundary), decoded from its bytes
/// without the bounds and boundary checks of `text[at..].chars()`.
#[inline]
fn decode(bytes: &[u8], at: usize) -> char {
    let lead = u32::from(bytes[at]);
    let next = |k: usize| bytes.get(at + k).map_or(0, |&b| u32::from(b & 0x3F));
    let c = if lead < 0xE0 {
        ((lead & 0x1F) << 6) | next(1)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12) | (next(1) << 6) | next(2)
    } else {
        ((lead & 0x07) << 18) | (next(1) << 12) | (next(2) << 6) | next(3)
    };
    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The words that elide their vowel before another (`l'État`,
/// `jusqu’au`), in folded form without the apostrophe.
#[inline(always)]
fn elides(word: &[u8]) -> bool {
    // By length, the commonest (`l’`, `d’`) by one comparison: a byte with
    // bit 5 set is a lower-case ASCII letter only if it was one, or its
    // capital.
    match word {
        [b] => matches!(b | 0x20, b'l' | b'd' | b'j' | b'm' | b'n' | b's' | b't' | b'c'),
        [_, _] => word.eq_ignore_ascii_case(b"qu"),
        [_, _, _, _, _] => word.eq_ignore_ascii_case(b"jusqu"),
        [_, _, _, _, _, _] => [b"lorsqu", b"puisqu", b"quoiqu", b"presqu"].iter().any(|e| e.eq_ignore_ascii_case(word)),
        _ => false,
    }
}

/// What one pass over a text finds.
pub(crate) struct Tokenized {
    /// The tokens; the first starts a line and a paragraph.
    pub(crate) tokens: Vec<Token>,
    /// The tokens a sentence may end before or at, in order: those that
    /// start a line and the marks `.`, `!`, `?` and `…` (a token may be
    /// there twice).
    pub(crate) breaks: Vec<u32>,
    /// The paragraphs (separated by blank lines), as ranges of tokens.
    pub(crate) paragraphs: Vec<Bounds>,
    /// The words up to [`REACH`] counted.
    pub(crate) guess: Guess,
}

/// The tokens of `text`, with the folded forms that differ from the text
/// appended to `folded`; found in `tokens`, `breaks` and `paragraphs`
/// (empty, their room kept from an earlier text or none).
pub(crate) fn tokenize(
    text: &str,
    folded: &mut String,
    mut tokens: Vec<Token>,
    mut breaks: Vec<u32>,
    mut paragraphs: Vec<Bounds>,
) -> Tokenized {
    let bytes = text.as_bytes();
    let mut guess = Guess::default();
    // News averages one token per five or six bytes: room enough not to
    // grow (and copy) the vector in most texts.
    tokens.reserve(text.len() / 4 + 8);
    // News has a line break or a period every 30 bytes or so, a blank line
    // every 130: room enough not to grow these either.
    breaks.reserve(text.len() / 24 + 8);
    paragraphs.reserve(text.len() / 64 + 4);
    // The first token of the current paragraph.
    let mut paragraph = 0;
    // The flags the whitespace since the last token gives the next one:
    // joined until whitespace comes.
    let mut gap = Flags::LINE_START | Flags::PARAGRAPH_START;
    // The last whitespace seen was a line break followed only by spaces,
    // tabs and carriage returns: the next one makes a blank line.
    let mut after_newline = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        // The token is pushed where it is built (a token from any branch
        // would be copied with its padding, through the stack); then the
        // byte after it (0 at the end of the text). Words first, the
        // commonest tokens: an ASCII letter takes a branch of its own
        // rather than the jump table of classes.
        let next = if is_ascii_letter(b) {
            // The first word starts a line or paragraph if any does.
            note_line_start(gap, tokens.len() as u32, &mut breaks, &mut paragraphs, &mut paragraph);
            let (mut start, mut b) = (start, b);
            // Each word, and the next after one space while it starts
            // with an ASCII letter (most words follow another).
            loop {
                let run = ascii_letters(bytes, start);
                i = start + run.len;
                // The byte after the word.
                let stop = if ENDS_WORD[usize::from(run.stop)] {
                    // The commonest word: ASCII letters, and no elision. Its
                    // first letter is a capital when its bit 5 is clear.
                    let flags = gap | case_flags(b & 0x20 == 0, run.capitals != 0, run.lowers != 0);
                    let mut token = Token::new(start, i, TokenKind::Word, flags);
                    if run.capitals == 1 && run.len <= chunk::LEN {
                        // In one chunk, only its first letter is a capital
                        // (`Nvidia`): the rest is already folded.
                        let from = folded.len();
                        folded.push(char::from(b | 0x20));
                        // The chunk's bytes then cut back to the word: a copy
                        // of known length is a few moves, one of the word's
                        // length a call.
                        match text.get(start + 1..start + 1 + chunk::LEN) {
                            Some(ahead) => {
                                folded.push_str(ahead);
                                folded.truncate(from + run.len);
                            }
                            None => folded.push_str(&text[start + 1..i]),
                        }
                        token = token.folded_at(from..folded.len());
                    } else if run.capitals != 0 {
                        token = token.folded_at(fold_ascii(&text[start..i], false, folded));
                    }
                    // Its folded form is its text in lower case.
                    let head = head(run.head | u64::from_le_bytes([0x20; 8]), run.len);
                    if i <= REACH {
                        guess.count_head(head, run.len, || bytes.get(start + 8).map_or(0, |b| b | 0x20));
                    }
                    tokens.push(token.with_key(form_key_of_head(head, run.len)));
                    run.stop
                } else {
                    let first = if b & 0x20 == 0 { UPPER } else { LOWER };
                    let letters = Letters { end: i, first, cases: run.cases(), stop: run.stop };
                    // Most often a French word with an accent (`économie`),
                    // which has a faster path.
                    let latin = match run.stop {
                        0xC3 => latin_word(text, start, &letters, gap, folded, &mut tokens),
                        // Most often an elision (`l’`, `d'`), which has its own.
                        b'\'' | 0xE2 => elided_word(text, start, &letters, run.head, gap, folded, &mut tokens),
                        _ => None,
                    };
                    // No function word when `latin_word` or `elided_word`
                    // read it.
                    let word = match latin {
                        Some(end) => WordEnd { end, ascii: false },
                        None => word(text, start, letters, gap, folded, &mut tokens),
                    };
                    if word.end <= REACH && word.ascii {
                        // Its folded form is its text in lower case.
                        guess.count(bytes, start, word.end, 0x20);
                    }
                    i = word.end;
                    bytes.get(i).copied().unwrap_or(0)
                };
                match (stop, bytes.get(i + 1)) {
                    (b' ', Some(&after)) if is_ascii_letter(after) => {
                        // Not joined, and on the line of the word before.
                        gap = Flags::default();
                        i += 1;
                        (start, b) = (i, after);
                    }
                    _ => break stop,
                }
            }
        } else {
            // ASCII by the table here, without a call.
            let (class, len) = if b < 0x80 { (ASCII[usize::from(b)], 1) } else { class_at(bytes, i) };
            match class {
                Class::Letter => {
                    match bytes.get(i..i + 3) {
                        // `à` alone, the commonest word to start outside ASCII:
                        // in lower case, without a call.
                        Some(&[0xC3, 0xA0, after]) if ENDS_WORD[usize::from(after)] && !is_ascii_letter(after) => {
                            i += 2;
                            tokens.push(Token::new(start, i, TokenKind::Word, gap).with_key(A_KEY));
                        }
                        _ => {
                            let letters = Letters { end: i, first: 0, cases: 0, stop: b };
                            // Not ASCII: no function word.
                            i = word(text, start, letters, gap, folded, &mut tokens).end;
                        }
                    }
                }
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
                    i = digits(bytes, i);
                    tokens.push(Token::new(start, i, TokenKind::Number, gap));
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
                    i += len;
                    tokens.push(Token::new(start, i, kind, gap).with_folded(folded_span));
                }
                Class::Punct => {
                    if is_terminal(&bytes[i..i + len]) {
                        breaks.push(tokens.len() as u32);
                    }
                    i += len;
                    tokens.push(Token::new(start, i, TokenKind::Punct, gap));
                }
                Class::Quote | Class::Symbol => {
                    let kind = if class == Class::Quote { TokenKind::Quote } else { TokenKind::Symbol };
                    i += len;
                    tokens.push(Token::new(start, i, kind, gap));
                }
            }
            note_line_start(gap, tokens.len() as u32 - 1, &mut breaks, &mut paragraphs, &mut paragraph);
            // The byte after the token, read once the token is known.
            bytes.get(i).copied().unwrap_or(0)
        };
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
    Tokenized { tokens, breaks, paragraphs, guess }
}

/// Notes token `at`, whose gap has flags `gap`, in `breaks` if it starts
/// a line, and ends the paragraph from `paragraph` before it if it starts
/// another.
#[inline(always)]
fn note_line_start(gap: Flags, at: u32, breaks: &mut Vec<u32>, paragraphs: &mut Vec<Bounds>, paragraph: &mut u32) {
    if gap.intersects(Flags::LINE_START | Flags::PARAGRAPH_START) {
        breaks.push(at);
        if gap.contains(Flags::PARAGRAPH_START) && at > 0 {
            paragraphs.push(Bounds { first: *paragraph, end: at });
            *paragraph = at;
        }
    }
}

/// Whether a punctuation mark may end a sentence: `.`, `!`, `?`, `…`.
#[inline]
pub(crate) fn is_terminal(mark: &[u8]) -> bool {
    matches!(mark, b"." | b"!" | b"?" | b"\xE2\x80\xA6")
}

/// Bits of a word's cases: a lower-case letter, a capital.
const LOWER: u8 = 1;
const UPPER: u8 = 2;

/// For each ASCII byte: [`LOWER`] for a lower-case letter, [`UPPER`] for a
/// capital, 0 otherwise.
static CASE: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The case bits of a letter outside ASCII, and its length; `None` for a
/// character that is not a letter.
#[inline]
fn letter_case(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    match (bytes[at], bytes.get(at + 1)) {
        // U+00C0 to U+00FF but `×` and `÷`: capitals up to `Þ`.
        (0xC3, Some(&second)) => return is_latin_letter(second).then(|| (latin_case(second), 2)),
        // What most often ends a word otherwise, without a decoding: U+2000
        // to U+203F (`’`, `”`, `…`, the narrow no-break space) and U+0080
        // to U+00BF but `ª`, `µ`, `º` (the no-break space, `»`) are no
        // letters.
        (0xE2, Some(0x80)) => return None,
        (0xC2, Some(next)) if !matches!(next, 0xAA | 0xB5 | 0xBA) => return None,
        _ => {}
    }
    let c = decode(bytes, at);
    if class_of(c) != Class::Letter {
        return None;
    }
    let case = (u8::from(c.is_lowercase()) * LOWER) | (u8::from(c.is_uppercase()) * UPPER);
    Some((case, c.len_utf8()))
}

/// Whether `b` is an ASCII letter: one comparison, since `b | 0x20` is
/// lower case for a letter.
#[inline]
fn is_ascii_letter(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

/// The case flags of a word: [`Flags::CAPITALISED`] when its first letter
/// with a case is a capital, [`Flags::ALL_CAPITALS`] when it has a capital
/// and no lower-case letter.
#[inline]
fn case_flags(first_capital: bool, capital: bool, lower: bool) -> Flags {
    let mut flags = Flags::default();
    if first_capital {
        flags.insert(Flags::CAPITALISED);
    }
    if capital && !lower {
        flags.insert(Flags::ALL_CAPITALS);
    }
    flags
}

/// A run of ASCII letters.
struct AsciiRun {
    /// Its length in bytes.
    len: usize,
    /// The byte after it (0 at the end of the text).
    stop: u8,
    /// Not 0 when it holds a capital: the capitals of each chunk, bit `k`
    /// for its byte `k`, ORed together.
    capitals: u32,
    /// Not 0 when it holds a lower-case letter.
    lowers: u32,
    /// The eight bytes from its start, little-endian (0 past the text).
    head: u64,
}

impl AsciiRun {
    /// Its case bits: [`UPPER`], [`LOWER`], both or none.
    #[inline]
    fn cases(&self) -> u8 {
        (u8::from(self.capitals != 0) * UPPER) | (u8::from(self.lowers != 0) * LOWER)
    }
}

/// The run of ASCII letters at `start`, a chunk of bytes at a time: a word
/// is most often in the first.
#[inline]
fn ascii_letters(bytes: &[u8], start: usize) -> AsciiRun {
    let mut i = start;
    let mut capitals = 0;
    let mut lowers = 0;
    let mut head = None;
    loop {
        // Near the end of the text, its last bytes then zeros, which stop
        // the run as the end does.
        let padded;
        let chunk = match bytes.get(i..i + chunk::LEN).and_then(|c| c.first_chunk::<{ chunk::LEN }>()) {
            Some(chunk) => chunk,
            None => {
                let rest = bytes.get(i..).unwrap_or_default();
                let mut last = [0; chunk::LEN];
                last[..rest.len()].copy_from_slice(rest);
                padded = last;
                &padded
            }
        };
        let head = *head.get_or_insert_with(|| chunk.first_chunk::<8>().map_or(0, |&b| u64::from_le_bytes(b)));
        let masks = chunk::masks(chunk);
        // The letters from the chunk's first byte on (the bits past the
        // chunk's bytes stop the run).
        let run = (!masks.letters).trailing_zeros() as usize;
        let in_run = (1u32 << run) - 1;
        capitals |= in_run & !masks.lower;
        lowers |= in_run & masks.lower;
        i += run;
        if let Some(&stop) = chunk.get(run) {
            return AsciiRun { len: i - start, stop, capitals, lowers, head };
        }
    }
}

/// The letters of a word read so far.
struct Letters {
    /// Where they end.
    end: usize,
    /// The case bits of the first letter with a case (0 before one).
    first: u8,
    /// The case bits of all of them.
    cases: u8,
    /// The byte at `end` (0 at the end of the text).
    stop: u8,
}

/// Where a word read by [`word`] ends. Two fields, returned in two
/// registers: a third (the byte after the word) made it a struct returned
/// through memory, whose reading as a whole stalled on the stores that had
/// written it field by field.
struct WordEnd {
    /// Its end.
    end: usize,
    /// Whether it is ASCII letters only, and may be a function word.
    ascii: bool,
}

/// The word starting at `start` whose first `letters` are read (none, or
/// ASCII letters): the letters outside ASCII that follow, the apostrophe of
/// an elision, its folded form. Pushes its token to `tokens`, and returns
/// where it ends, for the caller to count it towards the language (the
/// count then stays out of memory). Out of line: most words are ASCII
/// letters only, taken in [`tokenize`].
#[inline(never)]
fn word(
    text: &str,
    start: usize,
    letters: Letters,
    gap: Flags,
    folded: &mut String,
    tokens: &mut Vec<Token>,
) -> WordEnd {
    let bytes = text.as_bytes();
    let Letters { mut end, mut first, mut cases, mut stop } = letters;
    let mut ascii = true;
    while stop >= 0x80 {
        let Some((case, len)) = letter_case(bytes, end) else { break };
        if first == 0 {
            first = case;
        }
        cases |= case;
        ascii = false;
        end += len;
        let run = ascii_letters(bytes, end);
        if first == 0 && run.len > 0 {
            first = CASE[bytes[end] as usize];
        }
        cases |= run.cases();
        end += run.len;
        stop = run.stop;
    }
    let mut flags = gap | case_flags(first == UPPER, cases & UPPER != 0, cases & LOWER != 0);
    let mut fold = cases & UPPER != 0;
    let mut i = end;
    // An elision takes its apostrophe: `l'` + `État`.
    let apostrophe_len = match stop {
        b'\'' | 0xE2 | 0xCA => elision_after(bytes, start, end).unwrap_or(0),
        _ => 0,
    };
    if apostrophe_len > 0 {
        flags.insert(Flags::ELIDED);
        fold |= apostrophe_len > 1;
        i += apostrophe_len;
    }
    let folded_span = match (fold, ascii) {
        (false, _) => None,
        (true, true) => Some(fold_ascii(&text[start..end], apostrophe_len > 0, folded)),
        (true, false) => fold_piece(&text[start..i], folded),
    };
    tokens.push(keyed(Token::new(start, i, TokenKind::Word, flags), folded_span, bytes, folded));
    // A function word is ASCII letters: not a word with an elision's
    // apostrophe, nor one with a letter outside ASCII (none folds to a
    // letter of a function word, a test in `language` checks).
    WordEnd { end: i, ascii: ascii && apostrophe_len == 0 }
}

/// Word token `token` with its folded form at `folded_span` in `folded`
/// (none: its text in `bytes` is its folded form) and that form's key.
#[inline(always)]
fn keyed(token: Token, folded_span: Option<Range<usize>>, bytes: &[u8], folded: &str) -> Token {
    let key = match &folded_span {
        Some(span) => form_key_at(folded.as_bytes(), span.start, span.end),
        None => form_key_at(bytes, token.start(), token.end()),
    };
    token.with_folded(folded_span).with_key(key)
}

/// The word starting at `start` whose first `letters` are read (ASCII
/// letters, then a `0xC3` at `letters.end`), when the rest of it is ASCII
/// and Latin-1 letters (`économie`, `Frédéric`) and no elision's
/// apostrophe may follow: pushes its token to `tokens` and returns where it
/// ends. `None`, with nothing pushed, for another word, which [`word`]
/// reads. Out of line like [`word`], and cheaper for the accented words
/// of French, the most of those it would read: no decoding of characters,
/// no test of an elision.
#[inline(never)]
fn latin_word(
    text: &str,
    start: usize,
    letters: &Letters,
    gap: Flags,
    folded: &mut String,
    tokens: &mut Vec<Token>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = letters.end;
    // The case bits of the letters after the first ASCII run.
    let mut later = 0;
    // Each Latin-1 letter, then the ASCII letters after it.
    while let (Some(0xC3), Some(&second)) = (bytes.get(end), bytes.get(end + 1)) {
        if !is_latin_letter(second) {
            break;
        }
        later |= latin_case(second);
        let run = ascii_letters(bytes, end + 2);
        later |= run.cases();
        end += 2 + run.len;
    }
    let cases = letters.cases | later;
    let next = bytes.get(end).copied().unwrap_or(0);
    if end == letters.end || !ENDS_WORD[usize::from(next)] {
        return None;
    }
    let flags = gap | case_flags(letters.first == UPPER, cases & UPPER != 0, cases & LOWER != 0);
    let token = Token::new(start, end, TokenKind::Word, flags);
    let folded_span = if cases & UPPER == 0 {
        None
    } else if later & UPPER == 0
        && letters.first == UPPER
        && !bytes[start + 1..letters.end].iter().any(u8::is_ascii_uppercase)
    {
        // Only its first letter, ASCII, is a capital (`Général`): the rest
        // is already folded, and copied as it is.
        let from = folded.len();
        folded.push(char::from(bytes[start] | 0x20));
        folded.push_str(&text[start + 1..end]);
        Some(from..folded.len())
    } else {
        fold_piece(&text[start..end], folded)
    };
    tokens.push(keyed(token, folded_span, bytes, folded));
    Some(end)
}

/// The elision starting at `start` whose letters are read (ASCII letters,
/// then an apostrophe, `'` or the first byte of `’`, at `letters.end`),
/// `head` the eight bytes from its start (little-endian, 0 past the text):
/// pushes its token, apostrophe included, to `tokens` and returns where it
/// ends. `None`, with nothing pushed, when it is no elision, for [`word`]
/// to read. Out of line like [`word`], and cheaper for these words of
/// French: the folded form (lower case and `'`, at most seven bytes) and
/// its key are made in a register, without a copy of the text, a lowering
/// in memory, or a byte-by-byte key of a form near the folded buffer's end.
#[inline(never)]
fn elided_word(
    text: &str,
    start: usize,
    letters: &Letters,
    head: u64,
    gap: Flags,
    folded: &mut String,
    tokens: &mut Vec<Token>,
) -> Option<usize> {
    let len = letters.end - start;
    let apostrophe = elision_after(text.as_bytes(), start, letters.end)?;
    // An elided word has at most six letters: its folded form, the letters
    // in lower case then `'`, fits in the eight bytes of `head`.
    debug_assert!(len <= 6);
    let form = crate::form_key::head(head | u64::from_le_bytes([0x20; 8]), len) | u64::from(b'\'') << (8 * len % 64);
    let folded_span = (letters.cases & UPPER != 0 || apostrophe > 1).then(|| {
        let from = folded.len();
        folded.reserve(8);
        for &b in &form.to_le_bytes()[..=len] {
            // ASCII, as the compiler then knows: one byte each.
            folded.push(char::from(b & 0x7F));
        }
        from..folded.len()
    });
    let flags = gap | case_flags(letters.first == UPPER, letters.cases & UPPER != 0, letters.cases & LOWER != 0);
    let end = letters.end + apostrophe;
    let token = Token::new(start, end, TokenKind::Word, flags | Flags::ELIDED);
    tokens.push(token.with_folded(folded_span).with_key(form_key_of_head(form, len + 1)));
    Some(end)
}

/// The case bits of the Latin-1 letter whose second byte (after `0xC3`) is
/// `second`: capitals up to `Þ`.
#[inline]
fn latin_case(second: u8) -> u8 {
    if second < 0x9F {
        UPPER
    } else {
        LOWER
    }
}

/// Whether `second`, the byte after a `0xC3`, makes a Latin-1 letter: all
/// but `×` and `÷`.
#[inline]
fn is_latin_letter(second: u8) -> bool {
    second | 0x20 != 0xB7
}

/// The end of the run of digits starting at `start`.
#[inline]
fn digits(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit() {
            i += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        match class_at(bytes, i) {
            (Class::Digit, len) => i += len,
            _ => break,
        }
    }
    i
}

/// The length of the apostrophe at `at` when it ends an elision: the word
/// `start..at` elides, and a letter follows.
#[inline(always)]
fn elision_after(bytes: &[u8], start: usize, at: usize) -> Option<usize> {
    let len = match bytes.get(at..at + 3) {
        Some([b'\'', ..]) => 1,
        Some([0xE2, 0x80, 0x99]) => 3,
        Some([0xCA, 0xBC, _]) => 2,
        // Too near the end for a letter to follow a longer apostrophe.
        _ => usize::from(bytes.get(at) == Some(&b'\'')),
    };
    let elision = len > 0 && elides(&bytes[start..at]);
    (elision && letter_at(bytes, at + len)).then_some(len)
}

/// Whether a letter starts at byte `at` of `bytes` (a character boundary,
/// or the end): an ASCII letter without a call.
#[inline]
fn letter_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(&b) if b < 0x80 => is_ascii_letter(b),
        Some(_) => class_at(bytes, at).0 == Class::Letter,
        None => false,
    }
}

/// Appends the folded form of an ASCII word, with the apostrophe of an
/// elision if `elided` (`L’` is `l'`), to `folded`, and returns its span
/// there.
#[inline]
fn fold_ascii(word: &str, elided: bool, folded: &mut String) -> Range<usize> {
    let from = folded.len();
    folded.push_str(word);
    folded[from..].make_ascii_lowercase();
    if elided {
        folded.push('\'');
    }
    from..folded.len()
}

/// Appends the folded form of `piece`, a token with a capital or a `’` or
/// `ʼ` to fold, to `folded` (what [`glaneur_text::fold_into`] appends), and
/// returns its span there. Out of line: ASCII words, the most, are folded
/// by [`fold_ascii`].
#[inline(never)]
fn fold_piece(piece: &str, folded: &mut String) -> Option<Range<usize>> {
    let from = folded.len();
    (fold_latin(piece, folded) || glaneur_text::fold_into(piece, folded)).then_some(from..folded.len())
}

/// Appends the folded form of `piece`, a token with a capital or a `’` or
/// `ʼ` to fold, when it is written in ASCII, the Latin-1 letters and `’`
/// or `ʼ` (`État`, `L’`), and says whether it did (else `folded` is left as
/// it was). One pass, with none of the Unicode lookups
/// [`glaneur_text::fold_into`] makes.
#[inline]
fn fold_latin(piece: &str, folded: &mut String) -> bool {
    let from = folded.len();
    for c in piece.chars() {
        let lower = match c {
            '\0'..='\u{7f}' => c.to_ascii_lowercase(),
            // `À` to `Þ` but `×`: their lower case is 0x20 further.
            'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'ß'..='ÿ' => c,
            '’' | 'ʼ' => '\'',
            _ => {
                folded.truncate(from);
                return false;
            }
        };
        folded.push(lower);
    }
    true
}
