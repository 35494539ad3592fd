//! The words around a bare family name that decide whether it is a model:
//! cues (`le modèle`, `ses systèmes`), the vendor nearby (`Claude
//! d'Anthropic`), an AI sentence, and what says it is not (a surname after
//! `Claude`, the space programme for `Gemini`).

use std::borrow::Cow;
use std::sync::LazyLock;

use glaneur_lexicon::WordList;
use glaneur_text::is_letter_or_digit;

/// The sentence around `start..end` (at most 300 bytes each way).
pub fn sentence(text: &str, start: usize, end: usize) -> &str {
    glaneur_text::sentence(text, start, end, 300)
}

/// `word` lowercased as `str::to_lowercase` does it, borrowed when that
/// changes nothing (most words: ASCII without capitals, or lower-case
/// letters, which are their own lower case).
pub(crate) fn lowercased(word: &str) -> Cow<'_, str> {
    if word.chars().all(|c| if c.is_ascii() { !c.is_ascii_uppercase() } else { c.is_lowercase() }) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The lowercased words before `at`, nearest first (at most `n`), in the
/// sentence (after the last `.`, `!`, `?`, line break, `«`, `“`, `(` or `:`
/// of the 120 bytes before): read back from `at`, as far as they go. The
/// reference the one-word-at-a-time readers are tested against.
#[cfg(test)]
pub(crate) fn words_before(text: &str, at: usize, n: usize) -> Vec<Cow<'_, str>> {
    WordsBack::from(text, at).take(n).map(lowercased).collect()
}

/// The lowercased word before `at` in its sentence: the first of
/// [`words_before`].
pub(crate) fn word_before(text: &str, at: usize) -> Option<Cow<'_, str>> {
    WordsBack::from(text, at).next().map(lowercased)
}

/// The words before a point, as written, nearest first, read back one at
/// a time ([`words_before`]): a caller that decides on the first word
/// reads no further.
struct WordsBack<'t> {
    /// The 120 bytes before the point.
    head: &'t str,
    /// The characters of `head` not read yet, from the end.
    chars: std::iter::Rev<std::str::CharIndices<'t>>,
    /// The end of the word being read.
    end: usize,
    /// A sentence mark was read: no word is left.
    done: bool,
}

impl<'t> WordsBack<'t> {
    /// The words before `at` in `text`.
    fn from(text: &'t str, at: usize) -> Self {
        let head = &text[glaneur_text::reach_back(text, at, 120)..at];
        WordsBack { head, chars: head.char_indices().rev(), end: head.len(), done: false }
    }
}

impl<'t> Iterator for WordsBack<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        if self.done {
            return None;
        }
        for (i, c) in self.chars.by_ref() {
            if is_letter_or_digit(c) || c == '-' {
                continue;
            }
            let word = &self.head[i + c.len_utf8()..self.end];
            self.end = i;
            self.done = matches!(c, '.' | '!' | '?' | '\n' | '«' | '“' | '(' | ':');
            if !word.is_empty() {
                return Some(word);
            }
            if self.done {
                return None;
            }
        }
        // The text's first word, or one the 120 bytes cut.
        self.done = true;
        (self.end > 0).then(|| &self.head[..self.end])
    }
}

/// The words after `at` (as written), at most `n`, in the sentence.
pub fn words_after(text: &str, at: usize, n: usize) -> Vec<&str> {
    let end = glaneur_text::reach_ahead(text, at, 120);
    let tail = &text[at..end];
    let tail = tail.split(['.', '!', '?', '\n', '»', '”', ')', ':']).next().unwrap_or(tail);
    tail.split(|c: char| !(is_letter_or_digit(c) || c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(n)
        .collect()
}

/// Nouns that name a model or assistant before its name (`le modèle X`,
/// `ses systèmes X`, `son chatbot X`).
pub fn is_model_noun(word: &str) -> bool {
    matches!(
        word,
        "modèle"
            | "modèles"
            | "llm"
            | "llms"
            | "chatbot"
            | "chatbots"
            | "assistant"
            | "assistants"
            | "agent"
            | "agents"
            | "système"
            | "systèmes"
            | "ia"
            | "application"
            | "appli"
            | "outil"
            | "outils"
            | "famille"
            | "générateur"
            | "version"
            | "versions"
            | "model"
            | "models"
            | "langage"
            | "robot"
            | "logiciel"
            | "moteur"
            | "réseau"
            | "intelligence"
            | "chatbot-maison"
    )
}

/// Adjectives allowed between a cue noun and the name (`ses modèles
/// phares Gemini`).
fn is_cue_adjective(word: &str) -> bool {
    matches!(
        word,
        "nouveau"
            | "nouvel"
            | "nouvelle"
            | "nouveaux"
            | "dernier"
            | "derniers"
            | "phare"
            | "phares"
            | "propre"
            | "propres"
            | "célèbre"
            | "fameux"
            | "vocal"
            | "maison"
            | "conversationnel"
            | "génératif"
            | "rival"
            | "concurrent"
            | "open"
            | "source"
    )
}

/// A cue noun right before a name, past adjectives only (`le modèle X`,
/// `ses systèmes X`, not `le modèle de X`), or `avec`, `via`, `par`…
/// in a sentence about AI.
pub fn has_cue_before(text: &str, at: usize) -> bool {
    // Of the four words before, read only as far as the first that is no
    // adjective.
    let mut before = WordsBack::from(text, at).take(4).map(lowercased);
    let Some(first) = before.next() else { return false };
    let model_noun = if is_cue_adjective(&first) {
        before.find(|w| !is_cue_adjective(w)).is_some_and(|w| is_model_noun(&w))
    } else {
        is_model_noun(&first)
    };
    model_noun
        || matches!(first.as_ref(), "avec" | "via" | "par" | "sur" | "utilise" | "utilisant")
            && sentence_has_ai_words(sentence(text, at, at))
}

/// Whether a word of `sentence`, folded, is in `words`.
fn any_word(sentence: &str, words: &SentenceWords) -> bool {
    let has = |w: &str| words.may_contain(w) && glaneur_text::in_folded_list(&words.list, w);
    // The words split at every char not alphanumeric: ASCII bytes told
    // apart without decoding them.
    let bytes = sentence.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let (alphanumeric, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            // `i` is a char boundary: it moves a char at a time.
            let Some(c) = sentence[i..].chars().next() else { break };
            (is_letter_or_digit(c), c.len_utf8())
        };
        if !alphanumeric {
            if start < i && has(&sentence[start..i]) {
                return true;
            }
            start = i + len;
        }
        i += len;
    }
    start < bytes.len() && has(&sentence[start..])
}

/// A word list looked up for every word of a sentence, with a quick no
/// for most ASCII words: those whose length, first and last letters no
/// ASCII entry has.
struct SentenceWords {
    /// The folded words.
    list: WordList,
    /// A bit per [`ascii_key`] of an ASCII entry.
    ascii_keys: Box<[u64; 512]>,
}

impl SentenceWords {
    fn new(list: WordList) -> Self {
        let mut ascii_keys = Box::new([0; 512]);
        for word in list.words().iter().filter(|w| w.is_ascii()) {
            let key = ascii_key(word.as_bytes());
            ascii_keys[key / 64] |= 1 << (key % 64);
        }
        SentenceWords { list, ascii_keys }
    }

    /// False when `word` is surely not in the list: an ASCII word, whose
    /// folded form is its lower case, can only be an ASCII entry.
    fn may_contain(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return true;
        }
        let key = ascii_key(word.as_bytes());
        self.ascii_keys[key / 64] & (1 << (key % 64)) != 0
    }
}

/// An ASCII word's length (up to 31), first and last bytes, each lower-cased
/// to five bits: below 32 768.
fn ascii_key(word: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else { return 0 };
    let five = |b: u8| usize::from(b.to_ascii_lowercase() & 31);
    (word.len().min(31) << 10) | (five(first) << 5) | five(last)
}

/// Words that tell a sentence is about AI.
static AI_WORDS: LazyLock<SentenceWords> = LazyLock::new(|| {
    SentenceWords::new(WordList::of(vec![
        "ia",
        "ai",
        "modèle",
        "modèles",
        "chatbot",
        "chatbots",
        "llm",
        "llms",
        "openai",
        "anthropic",
        "google",
        "microsoft",
        "meta",
        "mistral",
        "générative",
        "génératif",
        "génératives",
        "agent",
        "agents",
        "assistant",
        "prompt",
        "prompts",
        "requêtes",
        "langage",
        "conversationnel",
        "conversationnelle",
        "xai",
        "deepseek",
        "alibaba",
        "baidu",
        "amazon",
        "apple",
        "nvidia",
        "artificielle",
        "model",
        "models",
        "génère",
        "générer",
        "entraîné",
        "entraînement",
        "benchmark",
        "benchmarks",
        "inférence",
        "tokens",
    ]))
});

/// Words that make an ambiguous name something else: the space programme,
/// rockets, a person.
static NEGATIVE_WORDS: LazyLock<SentenceWords> = LazyLock::new(|| {
    SentenceWords::new(WordList::of(vec![
        "nasa",
        "programme",
        "capsule",
        "astronaute",
        "astronautes",
        "spatial",
        "spatiale",
        "fusée",
        "orbite",
        "lune",
        "chanteur",
        "chanteuse",
        "peintre",
        "acteur",
        "actrice",
        "footballeur",
        "écrivain",
        "romancier",
        "cinéaste",
        "cabaret",
        "chanson",
        "album",
        "saturne",
    ]))
});

/// Whether `sentence` has words that tell it is about AI.
pub fn sentence_has_ai_words(sentence: &str) -> bool {
    any_word(sentence, &AI_WORDS)
}

/// What the word lists said of the last sentence asked about: the hits of
/// an ambiguous name often share one (`Gemini … Gemini`), and it is read
/// once for them all. Known by where the sentence lies in the document's
/// text: one per document, never kept for the next.
#[derive(Debug, Default)]
pub(crate) struct SentenceVerdicts {
    /// The sentence's offset and length in the text.
    at: Option<(usize, usize)>,
    /// [`sentence_has_negative_words`], once asked.
    negative: Option<bool>,
    /// [`sentence_has_ai_words`], once asked.
    ai: Option<bool>,
}

impl SentenceVerdicts {
    /// The verdicts on `s`, a slice of `text`: this sentence's, or none.
    fn on(&mut self, text: &str, s: &str) -> &mut Self {
        let at = Some((glaneur_text::offset_in(text, s), s.len()));
        if self.at != at {
            *self = SentenceVerdicts { at, negative: None, ai: None };
        }
        self
    }

    /// [`sentence_has_negative_words`] of `s`, a slice of `text`.
    pub(crate) fn negative(&mut self, text: &str, s: &str) -> bool {
        *self.on(text, s).negative.get_or_insert_with(|| sentence_has_negative_words(s))
    }

    /// [`sentence_has_ai_words`] of `s`, a slice of `text`.
    pub(crate) fn ai(&mut self, text: &str, s: &str) -> bool {
        *self.on(text, s).ai.get_or_insert_with(|| sentence_has_ai_words(s))
    }
}

/// Whether `sentence` has words that make an ambiguous name something
/// else: the space programme, rockets, a person.
pub fn sentence_has_negative_words(sentence: &str) -> bool {
    any_word(sentence, &NEGATIVE_WORDS)
}

/// Whether a capitalised word follows, glued by one space, that is no part
/// of a model name (`Claude François`, `Claude Dupont`).
pub fn surname_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(rest) = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('\u{a0}')) else { return false };
    let mut word = rest.chars().take_while(|&c| glaneur_text::is_letter(c) || c == '-');
    word.next().is_some_and(char::is_uppercase) && word.any(char::is_lowercase)
}

/// Whether the vendor is named in the sentence, apart from the name itself
/// (`Claude d'Anthropic`, `Gemini de Google`; not `Midjourney` for Midjourney).
/// `s` is the [`sentence`] around the name.
pub fn vendor_nearby(text: &str, s: &str, start: usize, end: usize, vendor: &str) -> bool {
    let s_start = glaneur_text::offset_in(text, s);
    !vendor.is_empty()
        && s.match_indices(vendor).any(|(i, _)| {
            let (vs, ve) = (s_start + i, s_start + i + vendor.len());
            ve <= start || end <= vs
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `any_word` before the byte scan: the sentence split by chars.
    fn any_word_by_split(sentence: &str, words: &SentenceWords) -> bool {
        sentence.split(|c: char| !c.is_alphanumeric()).any(|w| glaneur_text::in_folded_list(&words.list, w))
    }

    #[test]
    fn sentence_verdicts_are_the_word_lists_answers() {
        for text in crate::tests::corpus_texts() {
            let mut verdicts = SentenceVerdicts::default();
            // Every word start, so that neighbours share a sentence; the
            // questions asked in both orders.
            let starts =
                text.char_indices().filter(|&(i, c)| c.is_alphanumeric() && (i == 0 || text[..i].ends_with(' ')));
            for (n, (at, _)) in starts.enumerate() {
                let s = sentence(&text, at, at);
                let (negative, ai) = (sentence_has_negative_words(s), sentence_has_ai_words(s));
                if n % 2 == 0 {
                    assert_eq!(verdicts.negative(&text, s), negative, "{s}");
                }
                assert_eq!(verdicts.ai(&text, s), ai, "{s}");
                assert_eq!(verdicts.negative(&text, s), negative, "{s}");
            }
        }
    }

    #[test]
    fn any_word_finds_what_the_split_found() {
        let mut sentences: Vec<String> =
            ["", "IA", "l’IA.", "modèle", "le MODÈLE", "x—Nasa", "fusée!", "ℂ IA", "é"].map(str::to_owned).into();
        for text in crate::tests::corpus_texts() {
            let mut at = 0;
            while at < text.len() {
                let s = sentence(&text, at, at);
                sentences.push(s.to_owned());
                at = (at + s.len().max(1)).min(text.len());
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        for s in &sentences {
            for list in [&*AI_WORDS, &*NEGATIVE_WORDS] {
                assert_eq!(any_word(s, list), any_word_by_split(s, list), "{s}");
            }
        }
    }

    #[test]
    fn the_quick_no_refuses_no_word_of_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for list in [&*AI_WORDS, &*NEGATIVE_WORDS] {
            for w in list.list.words() {
                words.extend([w.to_string(), w.to_uppercase(), format!("{w}s"), w.chars().skip(1).collect()]);
            }
        }
        for text in crate::tests::corpus_texts() {
            words.extend(text.split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
        }
        for list in [&*AI_WORDS, &*NEGATIVE_WORDS] {
            for w in &words {
                // What any_word asked before the quick no.
                let found = glaneur_text::in_folded_list(&list.list, w);
                assert!(list.may_contain(w) || !found, "{w}");
            }
        }
    }

    #[test]
    fn words_before_reads_back_as_a_split_of_the_sentence_would() {
        // The sentence's words after its last mark, split, the last `n`.
        let split = |text: &str, at: usize, n: usize| -> Vec<String> {
            let head = &text[glaneur_text::reach_back(text, at, 120)..at];
            let head = head.rsplit(['.', '!', '?', '\n', '«', '“', '(', ':']).next().unwrap_or(head);
            let words = head.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty());
            words.rev().take(n).map(str::to_lowercase).collect()
        };
        let texts = [
            "Fin. Anthropic, avec ses systèmes Claude avancés",
            "le modèle",
            "  Le  chatbot-maison  (ÉTÉ) X",
            "« Son LLM",
            "une très longue phrase sans ponctuation qui dépasse largement cent vingt octets \
             avant le nom, pour que la fenêtre coupe un mot en plein milieu de lui-même X",
            "",
            ":",
        ];
        for text in texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for n in 0..5 {
                    assert_eq!(words_before(text, at, n), split(text, at, n), "{text:?} at {at}, {n} words");
                }
            }
        }
    }

    #[test]
    fn a_lower_case_letter_is_its_own_lower_case() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let word = c.encode_utf8(&mut buf);
            let lower = lowercased(word);
            assert_eq!(lower, word.to_lowercase(), "{c:?}");
            // Nor is the final sigma's rule, for a capital, ever skipped.
            let word = format!("a{c}");
            assert_eq!(lowercased(&word), word.to_lowercase(), "{c:?}");
        }
    }

    /// `has_cue_before` before the words were read lazily: four read, then
    /// looked at.
    fn has_cue_before_all_read(text: &str, at: usize) -> bool {
        let before = words_before(text, at, 4);
        let noun = before.iter().find(|w| !is_cue_adjective(w));
        noun.is_some_and(|w| is_model_noun(w))
            || matches!(
                before.first().map(AsRef::as_ref),
                Some("avec" | "via" | "par" | "sur" | "utilise" | "utilisant")
            ) && sentence_has_ai_words(sentence(text, at, at))
    }

    #[test]
    fn a_cue_read_word_by_word_is_the_cue_read_at_once() {
        let mut texts: Vec<String> = [
            "le nouveau modèle X",
            "ses modèles phares X",
            "le célèbre, nouveau Modèle X",
            "Avec X, l’IA",
            "NOUVEAU NOUVEAU NOUVEAU MODÈLE X",
            "nouveau nouveau nouveau nouveau modèle X",
            "son propre Système. X",
            "",
        ]
        .map(str::to_owned)
        .into();
        texts.extend(crate::tests::corpus_texts());
        for text in &texts {
            for (at, _) in text.char_indices().filter(|&(i, _)| i == 0 || !text[..i].ends_with(char::is_alphanumeric)) {
                assert_eq!(has_cue_before(text, at), has_cue_before_all_read(text, at), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn words_around() {
        let t = "Fin. Anthropic, avec ses systèmes Claude avancés, répond.";
        let at = t.find("Claude").expect("Claude");
        assert_eq!(words_before(t, at, 3), ["systèmes", "ses", "avec"]);
        assert_eq!(words_after(t, at + 6, 2), ["avancés", "répond"]);
        assert!(has_cue_before(t, at));
        assert!(surname_after("Claude François chante", 6));
        assert!(!surname_after("Claude 3 Opus", 6));
    }
}
