//! A quotation as the entity the plugin returns. Its attrs are a few
//! strings and a flag, written here as JSON text byte for byte as serde_json
//! writes them (strings by glaneur-schema's `json_text`), straight into
//! the `String` the entity keeps: serde_json's serializer, through
//! `Entity::new`, cost a tenth of the plugin, most of it in the calls
//! around each of the eight strings.

use glaneur_schema::attrs::QuoteForm;
use glaneur_schema::json_text::push_str;
use glaneur_schema::Entity;

use crate::Quotation;

/// The kind of entity the plugin finds.
pub const KIND: &str = "quotation";

/// `q` as an entity of `confidence`. Its attrs hold no line break: the
/// strings from the text go through the JSON escaper, which escapes them,
/// and the rest are the plugin's own keys and words (see
/// [`Entity::with_one_line_attrs`]).
pub fn entity(q: &Quotation<'_>, confidence: f64) -> Entity {
    Entity::with_one_line_attrs(KIND, q.start..q.end, confidence, attrs_json(q))
}

/// `q`'s attrs as a JSON object, in the order README.md lists them
/// (`content`, `speaker`, `form`, `implicit`, `rule`).
fn attrs_json(q: &Quotation<'_>) -> String {
    let a = &q.attribution;
    let speaker = a.speaker;
    // The names, the quotes and the rest: under 96 bytes with the longest rule.
    let mut json = String::with_capacity(q.content.len() + speaker.map_or(0, str::len) + 96);
    json.push_str("{\"content\":");
    push_str(&mut json, q.content);
    json.push_str(",\"speaker\":");
    match speaker {
        Some(speaker) => push_str(&mut json, speaker),
        None => json.push_str("null"),
    }
    // The form and the flag, each pair of values written whole (a push each
    // cost a hundredth of the plugin); the rule, a word of the plugin's own
    // that holds nothing JSON escapes.
    json.push_str(match (q.form, a.implicit) {
        (QuoteForm::Speech, false) => ",\"form\":\"speech\",\"implicit\":false,\"rule\":\"",
        (QuoteForm::Speech, true) => ",\"form\":\"speech\",\"implicit\":true,\"rule\":\"",
        (QuoteForm::Term, false) => ",\"form\":\"term\",\"implicit\":false,\"rule\":\"",
        (QuoteForm::Term, true) => ",\"form\":\"term\",\"implicit\":true,\"rule\":\"",
    });
    debug_assert!(!a.rule.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'), "{}", a.rule);
    json.push_str(a.rule);
    json.push_str("\"}");
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Attribution;
    use glaneur_schema::attrs::QuoteForm;
    use serde::Serialize;

    /// The attrs as serde writes them: what [`attrs_json`] replaced.
    #[derive(Serialize)]
    struct SerdeAttrs<'a> {
        content: &'a str,
        speaker: Option<&'a str>,
        form: QuoteForm,
        implicit: bool,
        rule: &'a str,
    }

    #[test]
    fn attrs_are_written_as_serde_writes_them() {
        let mut strings: Vec<String> = glaneur_testdata::test_texts(&["quotations"])
            .iter()
            .flat_map(|text| text.split(['«', '»', '"']).map(str::to_owned).collect::<Vec<_>>())
            .collect();
        strings.extend(
            [
                "",
                "a",
                "\"",
                "\\",
                "\u{0}\u{1f}\t\n\r\u{8}\u{c}",
                "é\"è\\ü",
                "\u{2028}\u{7f}😀",
                "12345678\"",
                "1234567",
            ]
            .map(str::to_owned),
        );
        for (k, content) in strings.iter().enumerate() {
            let speaker = strings.get(k * 7 % strings.len()).filter(|_| k % 3 != 0);
            for (form, implicit) in [(QuoteForm::Speech, false), (QuoteForm::Term, true)] {
                let rule = ["verb-after", "none", "pronoun-inversion"][k % 3];
                let attribution =
                    Attribution { speaker: speaker.map(String::as_str), rule, implicit, gender: None, org: false };
                let q = Quotation { start: k, end: k + 2, content, form, attribution };
                let serde = SerdeAttrs { content, speaker: speaker.map(String::as_str), form, implicit, rule };
                let expected = Entity::new(KIND, k..k + 2, 0.85, serde);
                assert_eq!(entity(&q, 0.85), expected, "{content:?}");
            }
        }
    }
}
