//! What a character is to the rules — a letter, a capital — answered
//! without table lookups for the letters of French, and whether a span
//! stands as whole words.

/// Whether `c` is a letter ([`char::is_alphabetic`]), answered without a
/// Unicode table lookup for ASCII, the Latin letters of French and the
/// common punctuation: the rules ask this of nearly every character.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        '\u{a0}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter or a digit ([`char::is_alphanumeric`]), as
/// fast as [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{a0}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Whether the character starting at byte `at` is upper case
/// ([`char::is_uppercase`]); the Latin-1 letters (`é`, `É`), most of the
/// other characters of French text, are read from their two bytes rather
/// than looked up. `at` must be a character boundary.
pub fn is_capital_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        // U+00C0 to U+00FF: capitals up to U+00DE, but for `×`.
        Some(0xC3) => bytes.get(at + 1).is_some_and(|&n| (0x80..=0x9E).contains(&n) && n != 0x97),
        Some(_) => text[at..].chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether a letter or digit is glued right before `at` (`H100`, the `un`
/// of `aucun`): then what starts at `at` is not a word of its own. An
/// ASCII neighbour (most) is read from its byte: `at` is a character
/// boundary, so an ASCII byte before it is a whole character.
pub fn glued_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_letter_or_digit),
    }
}

/// Whether a letter or digit is glued right after `at` (`Claudette` after
/// `Claude`); an ASCII neighbour read from its byte, as in [`glued_before`].
pub fn glued_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_letter_or_digit),
    }
}

/// Whether `text` holds a combining accent (U+0300 to U+036F: its bytes
/// begin 0xCC or 0xCD), which a Document's word token holds but which
/// [`is_whole_word`] does not take for a letter (`Orange` in a decomposed
/// `Orangé`): where one is, a reading on the tokens may differ from one on
/// the text.
#[inline]
pub fn has_combining_accent(text: &str) -> bool {
    memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some()
}

/// Whether `text[start..end]` stands as whole words: no letter or digit
/// glued before or after it.
#[inline]
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !glued_before(text, start) && !glued_after(text, end)
}
