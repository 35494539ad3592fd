//! What follows a family name: versions (`4o`, `3.5`, `V3`, `R1`), sizes
//! (`7B`, `8x7B`) and variants (`mini`, `Sonnet`, `Instruct`), glued,
//! hyphenated or spaced — and the canonical name they make.
//!
//! Canonical (data/NOTES.md): the family's own spelling, joined to its
//! first part the vendor's way (hyphen for GPT, Phi, MAI, DeepSeek…; glued
//! for o and Qwen; a dot for FLUX; a space otherwise), later parts with the
//! separator as written; variant case from variants.txt.

use std::borrow::Cow;

use crate::catalogue::Catalogue;

/// What a part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// `4o`, `3.5`, `V3`.
    Version,
    /// `7B`, `8x7B`.
    Size,
    /// `mini`, `Sonnet`.
    Variant,
}

/// How a part is attached to what is before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// No separator (`Qwen2.5`, `o1`).
    Glued,
    /// `-`.
    Hyphen,
    /// One space.
    Space,
    /// `.` (`FLUX.1`).
    Dot,
}

/// One part after the family, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    /// What it is.
    pub kind: PartKind,
    /// Its normalised text: borrowed from the text or the variants when
    /// normalising changes nothing (most parts).
    pub text: Cow<'a, str>,
    /// How it was attached.
    pub sep: Sep,
}

/// The most parts a name has after its family.
const MAX_PARTS: usize = 5;

/// The parts after a family name, in place: read after every catalogue
/// hit, most of which have none or one, they are never worth an
/// allocation, and one `Parts` serves every hit of a document. Derefs to
/// the slice of the parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The parts, the first `len` read.
    items: [Part<'a>; MAX_PARTS],
    /// How many were read.
    len: usize,
}

impl<'a> Parts<'a> {
    /// No part.
    pub fn new() -> Self {
        let none = Part { kind: PartKind::Version, text: Cow::Borrowed(""), sep: Sep::Glued };
        Parts { items: std::array::from_fn(|_| none.clone()), len: 0 }
    }

    /// Forgets the parts read.
    fn clear(&mut self) {
        self.len = 0;
    }

    /// Adds `part`, unless there are [`MAX_PARTS`] already.
    fn push(&mut self, part: Part<'a>) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = part;
            self.len += 1;
        }
    }
}

impl<'a> std::ops::Deref for Parts<'a> {
    type Target = [Part<'a>];

    fn deref(&self) -> &[Part<'a>] {
        &self.items[..self.len]
    }
}

impl Default for Parts<'_> {
    fn default() -> Self {
        Parts::new()
    }
}

/// Reads the parts after a family name ending at `at` into `parts` (what
/// it held before is forgotten); returns where they end.
pub fn parts<'a>(catalogue: &Catalogue, text: &'a str, at: usize, openai: bool, parts: &mut Parts<'a>) -> usize {
    parts.clear();
    let mut end = at;
    while parts.len() < MAX_PARTS {
        let rest = &text[end..];
        let (sep, skip) = match rest.chars().next() {
            Some('-') => (Sep::Hyphen, 1),
            Some(' ' | '\u{a0}') => (Sep::Space, rest.chars().next().map_or(1, char::len_utf8)),
            Some('.') if parts.is_empty() && rest[1..].starts_with(|c: char| c.is_ascii_digit()) => (Sep::Dot, 1),
            Some(c) if c.is_ascii_digit() && parts.is_empty() => (Sep::Glued, 0),
            _ => break,
        };
        let token_start = end + skip;
        let token_len = token_len(&text[token_start..]);
        let mut token = &text[token_start..token_start + token_len];
        // A sentence's final period is not part of a version (`GPT-4.`).
        while let Some(t) = token.strip_suffix('.') {
            token = t;
        }
        if token.is_empty() {
            break;
        }
        let Some(part) = classify(catalogue, token, sep, parts.is_empty(), openai) else { break };
        end = token_start + token.len();
        parts.push(part);
    }
    end
}

/// The length of the token `rest` starts with: ASCII letters, digits, `.`
/// and `+`. By bytes: a non-ASCII byte ends it, at a char's start.
fn token_len(rest: &str) -> usize {
    rest.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'+')).unwrap_or(rest.len())
}

/// The part `token` is, attached by `sep`.
fn classify<'a>(catalogue: &Catalogue, token: &'a str, sep: Sep, first: bool, openai: bool) -> Option<Part<'a>> {
    let part = |kind, text: Cow<'a, str>| Some(Part { kind, text, sep });
    if let Some(size) = size(token) {
        return part(PartKind::Size, size);
    }
    if let Some(version) = version(token) {
        return part(PartKind::Version, Cow::Borrowed(version));
    }
    if sep == Sep::Glued || sep == Sep::Dot {
        return None;
    }
    // A spaced lower-case word is French prose (`Gemini multimodal`), except
    // OpenAI's own lower-case variants (`GPT-4o mini`): most words after a
    // name, refused before the variants are looked up.
    let capitalised = token.starts_with(|c: char| c.is_ascii_uppercase());
    let prose = sep == Sep::Space && !capitalised;
    if prose && !openai {
        return None;
    }
    let spellings = catalogue.variant(token);
    if spellings.is_empty() || prose && !spellings.contains(&token) {
        return None;
    }
    // One-letter variants (`Command R`, `Command A`) only right after the family.
    if token.trim_end_matches('+').len() == 1 && !first {
        return None;
    }
    let lower = spellings.iter().find(|s| s.starts_with(|c: char| c.is_lowercase()));
    let upper = spellings.iter().find(|s| !s.starts_with(|c: char| c.is_lowercase()));
    let chosen = match (lower, upper) {
        (Some(l), Some(u)) => {
            if openai || sep == Sep::Hyphen {
                l
            } else {
                u
            }
        }
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    part(PartKind::Variant, Cow::Borrowed(*chosen))
}

/// `7B`, `1.5B`, `405b`, `8x7B` → normalised (`B` upper, `x` lower); the
/// active parameters of a mixture of experts as written (`A22B` of
/// `Qwen3-235B-A22B`).
fn size(token: &str) -> Option<Cow<'_, str>> {
    let (number, unit) = token.split_at(token.len().checked_sub(1)?);
    if !matches!(unit, "B" | "b" | "M") {
        return None;
    }
    if let Some(active) = number.strip_prefix('A') {
        let digits = !active.is_empty() && active.bytes().all(|b| b.is_ascii_digit());
        return (digits && unit == "B").then_some(Cow::Borrowed(token));
    }
    let valid = |n: &str| !n.is_empty() && dotted_digits(n);
    let ok = match number.split_once(['x', 'X']) {
        Some((experts, each)) => experts.bytes().all(|b| b.is_ascii_digit()) && !experts.is_empty() && valid(each),
        None => valid(number),
    };
    if !ok {
        return None;
    }
    // Written as normalised but for an `X` or a `b`.
    Some(if number.contains('X') || unit == "b" {
        Cow::Owned(format!("{}{}", number.replace('X', "x"), unit.to_uppercase()))
    } else {
        Cow::Borrowed(token)
    })
}

/// Whether `s` is runs of ASCII digits joined by single dots (`3`, `3.5`,
/// `1.5.2`; not `.5`, `3.` nor `3..5`); an empty `s` is not.
fn dotted_digits(s: &str) -> bool {
    s.as_bytes().split(|&b| b == b'.').all(|run| !run.is_empty() && run.iter().all(u8::is_ascii_digit))
}

/// `4`, `4.1`, `4o`, `3.5`, `V3`, `R1`, `K2`, `v6`, as written.
/// A whole number of three digits or more is a year or a count, not a version.
fn version(token: &str) -> Option<&str> {
    let rest = match token.as_bytes().first()? {
        b'v' | b'V' | b'r' | b'R' | b'k' | b'K' => &token[1..],
        _ => token,
    };
    let digits = match rest.char_indices().last()? {
        (i, c) if c.is_ascii_lowercase() && i > 0 => &rest[..i],
        _ => rest,
    };
    let valid = !digits.is_empty() && dotted_digits(digits) && digits.starts_with(|c: char| c.is_ascii_digit());
    if !valid || (!digits.contains('.') && digits.len() > 2) {
        return None;
    }
    // Prefix, digits and suffix: the token itself.
    Some(token)
}

/// How a family joins its first part.
fn junction(family: &str) -> &'static str {
    match family {
        "GPT" | "Phi" | "MAI" | "DeepSeek" | "GLM" | "Yi" | "Gen" | "Nemotron" | "Inflection" => "-",
        "o" | "Qwen" => "",
        "FLUX" => ".",
        _ => " ",
    }
}

/// The canonical name of a catalogued `family` with `parts`: what
/// [`canonical_of`] lends or joins, the reference its tests compare with.
#[cfg(test)]
fn canonical(family: &str, parts: &[Part]) -> String {
    let mut out = String::new();
    join(&mut out, family, parts, Some(junction(family)));
    out
}

/// The canonical name of a family the catalogue lacks: its parts joined as
/// written (`Zephyr-7B`, `Orion 2`); the reference of [`canonical_of`]'s
/// tests.
#[cfg(test)]
fn canonical_as_written(family: &str, parts: &[Part]) -> String {
    let mut out = String::new();
    join(&mut out, family, parts, None);
    out
}

/// The canonical name of a catalogued `family` with `parts`, or with
/// `as_written` that of a family the catalogue lacks, its parts joined as
/// written (`Zephyr-7B`, `Orion 2`).
///
/// Borrowed: the family's name alone when there is no part, else from
/// `written`, the name's text, when that is how the text spells it (most
/// names: `GPT-4o`, `Claude 3.5 Sonnet`); joined in `joined` (what it held
/// is forgotten) and copied otherwise.
pub fn canonical_of<'a>(
    family: &'a str,
    parts: &[Part],
    as_written: bool,
    written: &'a str,
    joined: &mut String,
) -> Cow<'a, str> {
    if parts.is_empty() {
        return Cow::Borrowed(family);
    }
    joined.clear();
    join(joined, family, parts, (!as_written).then(|| junction(family)));
    if *joined == *written {
        Cow::Borrowed(written)
    } else {
        Cow::Owned(joined.clone())
    }
}

/// Appends `family` and `parts` to `out`; the first part joined by
/// `junction` when given.
fn join(out: &mut String, family: &str, parts: &[Part], junction: Option<&str>) {
    // Room for every part and a separator of one byte before each.
    out.reserve(family.len() + parts.iter().map(|p| p.text.len() + 1).sum::<usize>());
    out.push_str(family);
    // DeepSeek writes its versions in capitals (`DeepSeek-V3`, `DeepSeek-R1`).
    let upper_versions = family == "DeepSeek";
    for (k, part) in parts.iter().enumerate() {
        let sep = if let (0, Some(junction)) = (k, junction) {
            // The vendor's junction for a version or size; a variant keeps a hyphen as written.
            match (part.kind, part.sep) {
                (PartKind::Variant, Sep::Hyphen) => "-",
                (PartKind::Variant, _) => " ",
                _ => junction,
            }
        } else {
            match part.sep {
                Sep::Hyphen => "-",
                Sep::Dot => ".",
                Sep::Glued => "",
                Sep::Space => " ",
            }
        };
        out.push_str(sep);
        if upper_versions && part.kind == PartKind::Version {
            out.push_str(&part.text.to_uppercase());
        } else {
            out.push_str(&part.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(family: &str, text: &str, openai: bool) -> String {
        let catalogue = Catalogue::load().expect("valid data");
        let mut read = Parts::new();
        parts(&catalogue, text, 0, openai, &mut read);
        canonical(family, &read)
    }

    #[test]
    fn a_token_ends_where_the_char_search_ended() {
        let mut texts: Vec<String> =
            ["", "4o", "3.5+ mini", "7B\u{a0}x", "v2é", "R1’", "a-b"].map(str::to_owned).into();
        texts.extend(crate::tests::corpus_texts());
        for text in &texts {
            for (at, _) in text.char_indices() {
                let rest = &text[at..];
                // The search before: by chars.
                let by_chars =
                    rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '+')).unwrap_or(rest.len());
                assert_eq!(token_len(rest), by_chars, "{rest}");
            }
        }
    }

    /// The version as it was built before: prefix, digits and suffix
    /// pushed one by one.
    fn version_by_parts(token: &str) -> Option<String> {
        let (prefix, rest) = match token.chars().next()? {
            c @ ('v' | 'V' | 'r' | 'R' | 'k' | 'K') => (Some(c), &token[1..]),
            _ => (None, token),
        };
        let (digits, suffix) = match rest.char_indices().last()? {
            (i, c) if c.is_ascii_lowercase() && i > 0 => (&rest[..i], Some(c)),
            _ => (rest, None),
        };
        let valid = !digits.is_empty()
            && digits.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && digits.starts_with(|c: char| c.is_ascii_digit());
        if !valid || (!digits.contains('.') && digits.len() > 2) {
            return None;
        }
        let mut out = String::new();
        out.extend(prefix);
        out.push_str(digits);
        out.extend(suffix);
        Some(out)
    }

    /// Every token of up to `n` pieces of `alphabet`.
    fn tokens_of(alphabet: &[&str], n: usize) -> Vec<String> {
        let mut tokens = vec![String::new()];
        for _ in 0..n {
            let longer: Vec<String> =
                tokens.iter().flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}"))).collect();
            tokens.extend(longer);
            tokens.sort();
            tokens.dedup();
        }
        tokens
    }

    #[test]
    fn a_version_is_what_its_parts_rebuilt_gave() {
        let alphabet = ["", "v", "V", "r", "R", "k", "K", "x", "0", "1", "4", "9", ".", "o", "b", "é", "+", "A"];
        for token in &tokens_of(&alphabet, 4) {
            assert_eq!(version(token).map(str::to_owned), version_by_parts(token), "{token}");
        }
    }

    /// The size as it was written before: always formatted anew, the
    /// digits checked by splitting at every dot.
    fn size_formatted(token: &str) -> Option<String> {
        let (number, unit) = token.split_at(token.len().checked_sub(1)?);
        if !matches!(unit, "B" | "b" | "M") {
            return None;
        }
        if let Some(active) = number.strip_prefix('A') {
            let digits = !active.is_empty() && active.bytes().all(|b| b.is_ascii_digit());
            return (digits && unit == "B").then(|| token.to_owned());
        }
        let valid =
            |n: &str| !n.is_empty() && n.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let ok = match number.split_once(['x', 'X']) {
            Some((experts, each)) => experts.bytes().all(|b| b.is_ascii_digit()) && !experts.is_empty() && valid(each),
            None => valid(number),
        };
        ok.then(|| format!("{}{}", number.replace('X', "x"), unit.to_uppercase()))
    }

    #[test]
    fn a_size_is_what_formatting_gave() {
        // A token is ASCII letters, digits, `.` and `+` (`token_len`).
        let alphabet = ["", "x", "X", "0", "7", "12", ".", "b", "B", "M", "m", "A", "+"];
        for token in &tokens_of(&alphabet, 5) {
            assert_eq!(size(token).map(Cow::into_owned), size_formatted(token), "{token}");
        }
    }

    #[test]
    fn versions_sizes_and_variants() {
        assert_eq!(canon("GPT", "-4o mini est", true), "GPT-4o mini");
        assert_eq!(canon("GPT", " 4o", true), "GPT-4o");
        assert_eq!(canon("Phi", "-3 Mini, le", false), "Phi-3 Mini");
        assert_eq!(canon("MAI", "-1-preview", false), "MAI-1-preview");
        assert_eq!(canon("MAI", "-Voice-1 et", false), "MAI-Voice-1");
        assert_eq!(canon("Qwen", "2.5-72B-Instruct", false), "Qwen2.5-72B-Instruct");
        assert_eq!(canon("DeepSeek", " R1", false), "DeepSeek-R1");
        assert_eq!(canon("Mixtral", " 8x7B", false), "Mixtral 8x7B");
        assert_eq!(canon("Claude", " 3.5 Sonnet", false), "Claude 3.5 Sonnet");
        assert_eq!(canon("Llama", " 3.1 405B", false), "Llama 3.1 405B");
        assert_eq!(canon("FLUX", ".1 Kontext", false), "FLUX.1 Kontext");
        assert_eq!(canon("Gemini", " 1.5 Pro", false), "Gemini 1.5 Pro");
        assert_eq!(canon("Qwen", "3-235B-A22B et", false), "Qwen3-235B-A22B");
        assert_eq!(canon("Qwen", "3-30B-A3B-Instruct", false), "Qwen3-30B-A3B-Instruct");
    }

    #[test]
    fn a_canonical_name_borrowed_from_the_text_is_the_one_joined() {
        let catalogue = Catalogue::load().expect("valid data");
        let mut joined = String::new();
        let cases = [
            ("GPT", "GPT-4o mini est", true),
            ("GPT", "GPT 4o", true),
            ("Qwen", "Qwen2.5-72B-Instruct", false),
            ("Qwen", "Qwen 2.5", false),
            ("DeepSeek", "DeepSeek R1", false),
            ("DeepSeek", "DeepSeek-v3", false),
            ("Mixtral", "Mixtral 8X7b", false),
            ("Claude", "Claude\u{a0}3.5 Sonnet", false),
            ("Claude", "Claude 3.5 sonnet", false),
            ("Phi", "Phi-3 Mini, le", false),
            ("FLUX", "FLUX.1 Kontext", false),
            ("Gemini", "Gemini", false),
            ("Gemini", "gemini", false),
            ("Orion", "Orion-2 Pro", false),
        ];
        for (family, text, openai) in cases {
            let mut read = Parts::new();
            let end = parts(&catalogue, text, family.len(), openai, &mut read);
            let written = &text[..end];
            for as_written in [false, true] {
                let expected = if as_written {
                    canonical_as_written(&text[..family.len()], &read)
                } else {
                    canonical(family, &read)
                };
                let found = canonical_of(
                    if as_written { &text[..family.len()] } else { family },
                    &read,
                    as_written,
                    written,
                    &mut joined,
                );
                assert_eq!(found, expected, "{text}");
                // Borrowed but when the text spells the parts otherwise.
                assert_eq!(matches!(found, Cow::Borrowed(_)), read.is_empty() || expected == written, "{text}");
            }
        }
    }

    #[test]
    fn what_is_not_a_part() {
        assert_eq!(canon("Llama", " 3 en 2024", false), "Llama 3");
        assert_eq!(canon("GPT", "-4 2024", true), "GPT-4");
        assert_eq!(canon("Gemini", " multimodal", false), "Gemini");
        assert_eq!(canon("Qwen", "3 A22 et", false), "Qwen3", "A22 is no size");
        assert_eq!(canon("Claude", " François", false), "Claude");
        assert_eq!(canon("GPT", "-4.", true), "GPT-4");
    }
}
