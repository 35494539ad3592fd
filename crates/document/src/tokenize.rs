//! Cutting a text into tokens in one pass over its bytes: ASCII through a
//! table of byte classes, other characters decoded and classed once.

use crate::token::{Flags, Token, TokenKind};

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

/// The class of the character at byte `at` and its length in bytes.
#[inline]
fn class_at(text: &str, at: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
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
    // `at` is a character boundary: the tokeniser only steps by characters.
    let c = text[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (class_of(c), c.len_utf8())
}

/// The words that elide their vowel before another (`l'État`,
/// `jusqu’au`), in folded form without the apostrophe.
fn elides(word: &str) -> bool {
    const ELIDING: [&str; 14] =
        ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];
    word.len() <= 7 && ELIDING.iter().any(|e| e.eq_ignore_ascii_case(word))
}

/// What lies between two tokens.
#[derive(Debug, Clone, Copy, Default)]
struct Gap {
    /// Any whitespace at all.
    space: bool,
    /// A line break.
    newline: bool,
    /// The last whitespace seen was a line break followed only by spaces,
    /// tabs and carriage returns: the next one makes a blank line.
    after_newline: bool,
    /// A blank line.
    blank: bool,
}

impl Gap {
    /// The flags of a token after this gap.
    fn flags(self) -> Flags {
        let mut flags = Flags::default();
        if !self.space {
            flags.insert(Flags::JOINED);
        }
        if self.newline {
            flags.insert(Flags::LINE_START);
        }
        if self.blank {
            flags.insert(Flags::PARAGRAPH_START);
        }
        flags
    }
}

/// The tokens of `text`, with the folded forms that differ from the text
/// appended to `folded`. The first token starts a line and a paragraph.
pub(crate) fn tokenize(text: &str, folded: &mut String) -> Vec<Token> {
    let bytes = text.as_bytes();
    // News averages one token per five or six bytes.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 8);
    let mut gap = Gap { space: true, newline: true, after_newline: false, blank: true };
    let mut i = 0;
    while i < bytes.len() {
        let (class, len) = class_at(text, i);
        match class {
            Class::Space => {
                gap.space = true;
                if !matches!(bytes[i], b' ' | b'\t' | b'\r') {
                    gap.after_newline = false;
                }
                i += len;
                continue;
            }
            Class::Newline => {
                gap.space = true;
                gap.newline = true;
                gap.blank |= gap.after_newline;
                gap.after_newline = true;
                i += 1;
                continue;
            }
            Class::Letter => {
                let word = letters(text, i);
                let mut token = Token::new(i, word.end, TokenKind::Word, gap.flags() | word.flags);
                i = word.end;
                let mut fold = word.fold;
                // An elision takes its apostrophe: `l'` + `État`.
                if let Some(apostrophe) = elision_after(text, i, &text[token.start()..i]) {
                    token = Token::new(token.start(), i + apostrophe, TokenKind::Word, token.flags() | Flags::ELIDED);
                    fold |= apostrophe > 1;
                    i += apostrophe;
                }
                if fold {
                    fold_token(text, &mut token, folded);
                }
                tokens.push(token);
            }
            Class::Digit => {
                let end = digits(text, i);
                tokens.push(Token::new(i, end, TokenKind::Number, gap.flags()));
                i = end;
            }
            Class::Apostrophe => {
                // Inside a word (`O'Brien`, `Nvidia’s`) it is punctuation;
                // elsewhere a quotation mark.
                let inside = !gap.space
                    && tokens.last().is_some_and(|t| t.is_word() && t.end() == i)
                    && i + len < bytes.len()
                    && class_at(text, i + len).0 == Class::Letter;
                let kind = if inside { TokenKind::Punct } else { TokenKind::Quote };
                let mut token = Token::new(i, i + len, kind, gap.flags());
                if len > 1 {
                    fold_token(text, &mut token, folded);
                }
                tokens.push(token);
                i += len;
            }
            Class::Quote | Class::Symbol | Class::Punct => {
                let kind = match class {
                    Class::Quote => TokenKind::Quote,
                    Class::Symbol => TokenKind::Symbol,
                    _ => TokenKind::Punct,
                };
                tokens.push(Token::new(i, i + len, kind, gap.flags()));
                i += len;
            }
        }
        gap = Gap::default();
    }
    tokens
}

/// A run of letters: where it ends, its flags, whether it needs folding.
struct Letters {
    end: usize,
    flags: Flags,
    fold: bool,
}

/// The run of letters starting at `start`.
#[inline]
fn letters(text: &str, start: usize) -> Letters {
    let bytes = text.as_bytes();
    let (mut upper, mut lower, mut first_upper) = (false, false, None);
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            let is_upper = b.is_ascii_uppercase();
            upper |= is_upper;
            lower |= !is_upper;
            first_upper.get_or_insert(is_upper);
            i += 1;
        } else if b == 0xC3 && bytes.get(i + 1).is_some_and(|&n| n != 0x97 && n != 0xB7) {
            // U+00C0 to U+00FF but `×` and `÷`: capitals up to `Þ`.
            let is_upper = bytes[i + 1] < 0x9F;
            upper |= is_upper;
            lower |= !is_upper;
            first_upper.get_or_insert(is_upper);
            i += 2;
        } else if b >= 0x80 {
            let Some(c) = text[i..].chars().next().filter(|&c| class_of(c) == Class::Letter) else { break };
            let (is_upper, is_lower) = match c {
                // French lower-case letters, without a table lookup.
                'à'..='ÿ' => (false, c != '÷'),
                _ => (c.is_uppercase(), c.is_lowercase()),
            };
            upper |= is_upper;
            lower |= is_lower;
            if is_upper || is_lower {
                first_upper.get_or_insert(is_upper);
            }
            i += c.len_utf8();
        } else {
            break;
        }
    }
    let mut flags = Flags::default();
    if first_upper == Some(true) {
        flags.insert(Flags::CAPITALISED);
    }
    if upper && !lower {
        flags.insert(Flags::ALL_CAPITALS);
    }
    // Any capital, or a letter beyond Latin-1 whose case the fast test
    // above did not look at, may fold.
    Letters { end: i, flags, fold: upper }
}

/// The end of the run of digits starting at `start`.
#[inline]
fn digits(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if bytes[i] < 0x80 {
            break;
        }
        match class_at(text, i) {
            (Class::Digit, len) => i += len,
            _ => break,
        }
    }
    i
}

/// The length of the apostrophe at `at` when it ends an elision: `word`
/// (just before it) elides, and a letter follows.
fn elision_after(text: &str, at: usize, word: &str) -> Option<usize> {
    let (class, len) = (at < text.len()).then(|| class_at(text, at))?;
    let letter_follows = at + len < text.len() && class_at(text, at + len).0 == Class::Letter;
    (class == Class::Apostrophe && letter_follows && elides(word)).then_some(len)
}

/// Stores `token`'s folded form in `folded` when it differs from its text.
fn fold_token(text: &str, token: &mut Token, folded: &mut String) {
    let from = folded.len();
    if glaneur_text::fold_into(&text[token.span()], folded) {
        token.set_folded(from..folded.len());
    }
}
