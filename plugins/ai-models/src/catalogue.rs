//! The catalogue of model families and assistants (data/catalogue.tsv),
//! the variant words (data/variants.txt) and the hardware names that are
//! never models (data/hardware.txt), compiled in.

use glaneur_schema::Document;
use glaneur_text::LongestMatcher;

/// One family of the catalogue.
#[derive(Debug, Clone)]
pub struct Family {
    /// Its name as `attrs.family` gives it (`GPT`, `Claude`, `MAI`).
    pub name: String,
    /// The vendor's canonical organisation name.
    pub vendor: String,
    /// `model` or `assistant`.
    pub kind: String,
    /// The bare name is no model (`Mistral`, `DeepSeek`, `o`).
    pub needs_variant: bool,
    /// A common word or person's name too (`Claude`, `Gemini`).
    pub ambiguous: bool,
    /// Only the exact spellings listed match (`MAI`, `Phi`, `Copilot`).
    pub case_sensitive: bool,
}

/// A spelling of a family, as matched in text.
#[derive(Debug, Clone)]
pub struct Spelling {
    /// As listed.
    pub text: String,
    /// Index into [`Catalogue::families`]; `None` for hardware.
    pub family: Option<usize>,
}

/// The compiled catalogue.
pub struct Catalogue {
    /// The families.
    pub families: Vec<Family>,
    /// Every spelling, indexed like the automaton's patterns.
    pub spellings: Vec<Spelling>,
    variants: Vec<String>,
    /// Every pattern, longest match first.
    matcher: LongestMatcher,
    /// The spelling of each pattern.
    pattern_spelling: Vec<usize>,
}

/// A family or hardware name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Catalogue::spellings`].
    pub spelling: usize,
}

const CATALOGUE: &str = include_str!("../data/catalogue.tsv");
const VARIANTS: &str = include_str!("../data/variants.txt");
const HARDWARE: &str = include_str!("../data/hardware.txt");

impl Catalogue {
    /// Parses the compiled-in data; fails with the line that is wrong.
    pub fn load() -> Result<Self, String> {
        let mut families = Vec::new();
        let mut spellings = Vec::new();
        for (n, line) in CATALOGUE.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [name, vendor, kind, aliases, flags] = cols[..] else {
                return Err(format!("catalogue.tsv line {}: expected 5 tab-separated columns", n + 1));
            };
            let flag = |f: &str| flags.split(',').any(|x| x.trim() == f);
            let index = families.len();
            families.push(Family {
                name: name.to_owned(),
                vendor: vendor.to_owned(),
                kind: kind.to_owned(),
                needs_variant: flag("needs_variant"),
                ambiguous: flag("ambiguous"),
                case_sensitive: flag("case_sensitive"),
            });
            for s in std::iter::once(name).chain(aliases.split('|')).filter(|s| !s.is_empty()) {
                spellings.push(Spelling { text: s.to_owned(), family: Some(index) });
            }
        }
        for line in HARDWARE.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            spellings.push(Spelling { text: line.to_owned(), family: None });
        }
        let variants = VARIANTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        // One-letter spellings (`o`) are left to their own scan: as patterns they would match everywhere.
        let (pattern_spelling, patterns): (Vec<usize>, Vec<String>) =
            spellings.iter().enumerate().filter(|(_, s)| s.text.len() > 1).map(|(i, s)| (i, s.text.clone())).unzip();
        let matcher = LongestMatcher::new(patterns, &[] as &[&str])?;
        Ok(Catalogue { families, spellings, variants, matcher, pattern_spelling })
    }

    /// Every spelling found in `doc` at a word start, with its case
    /// allowed (the end is checked by the version grammar, which may glue a
    /// version: `Qwen2.5`, `o1`).
    pub fn hits(&self, doc: &Document<'_>) -> Vec<Hit> {
        let text = doc.text();
        // Matches of UTF-8 patterns, equal but for case: always on char
        // boundaries.
        let keep = |start: usize, end: usize, pattern: usize| {
            // `Jean-Claude`, `ChatGPT` for `GPT`: glued to a word before.
            if text[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-') {
                return false;
            }
            let spelling = &self.spellings[self.pattern_spelling[pattern]];
            let found = &text[start..end];
            match spelling.family {
                Some(f) if self.families[f].case_sensitive => {
                    self.spellings.iter().any(|s| s.family == Some(f) && s.text == found)
                }
                // Hardware and other families: any case, but a lower-case
                // common word is no name (`whisper`, `claude`).
                _ => found.chars().next().is_some_and(|c| !c.is_lowercase()) || found == spelling.text,
            }
        };
        self.matcher
            .matches_at_words(text, doc.word_starts(), keep)
            .into_iter()
            .map(|(start, end, pattern)| Hit { start, end, spelling: self.pattern_spelling[pattern] })
            .collect()
    }

    /// The variant word `word` is, in its listed spellings (`mini`, `Mini`).
    pub fn variant(&self, word: &str) -> Vec<&str> {
        self.variants.iter().filter(|v| v.eq_ignore_ascii_case(word)).map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_loads() {
        let c = Catalogue::load().expect("valid data");
        assert!(c.families.len() >= 80);
        assert!(c.families.iter().any(|f| f.name == "MAI" && f.case_sensitive));
        assert_eq!(c.variant("MINI"), ["mini", "Mini"]);
    }

    #[test]
    fn hits_respect_case_and_word_starts() {
        let c = Catalogue::load().expect("valid data");
        let hits = |t: &str| c.hits(&glaneur_schema::DocumentBuf::new(t).expect("small").document());
        let names = |t: &str| hits(t).iter().map(|h| t[h.start..h.end].to_owned()).collect::<Vec<_>>();
        assert!(names("le 1er mai").is_empty());
        assert!(names("Jean-Claude Juncker").is_empty());
        assert!(names("ChatGPT").contains(&"ChatGPT".to_owned()));
        assert!(!names("ChatGPT").contains(&"GPT".to_owned()));
    }
}
