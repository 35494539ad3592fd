//! The tokens of a document, read once for all its candidate amounts (one
//! chunk at a time, see [`crate::chunks`]): numbers, words, currency
//! symbols, punctuation, and paragraph breaks (which no amount crosses).

use std::ops::Range;

use glaneur_numbers::is_group_space;
use glaneur_text::is_letter;

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

/// Currency symbols the scanner keeps as [`Kind::Sym`].
pub fn is_currency_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪' | '฿' | '₣')
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokenize_in(text, 0..text.len()).iter().map(|t| (t.kind, t.text(text))).collect()
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
