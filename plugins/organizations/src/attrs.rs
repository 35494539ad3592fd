//! A mention's attributes as the JSON text an entity carries, written by
//! hand: serde_json's serializer, a call and a table lookup per byte, cost
//! a twentieth of the plugin's time for three short strings.

use glaneur_schema::json_text::push_str;

use crate::Mention;

/// The attributes of `m` as serde_json writes the [`Mention`] (its
/// `Serialize` is the reference): `{"canonical":…,"category":…|null,
/// "rule":…}`.
pub(crate) fn json(m: &Mention<'_>) -> String {
    let category = m.category.map_or(0, str::len);
    // The keys, quotes, `null` and braces take 44 bytes.
    let mut out = String::with_capacity(44 + m.canonical.len() + category + m.rule.len());
    out.push_str("{\"canonical\":");
    push_str(&mut out, m.canonical);
    out.push_str(",\"category\":");
    match m.category {
        Some(category) => push_str(&mut out, category),
        None => out.push_str("null"),
    }
    out.push_str(",\"rule\":");
    push_str(&mut out, &m.rule);
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn the_attributes_are_what_serde_json_writes() {
        let strings = [
            "Nabla Technologies",
            "",
            "cue:la-start-up",
            "a \"quoted\" \\ name",
            "ligne\nsuivante\t\r\u{1}\u{1f}\u{7f}",
            "é’«»\u{2028}",
        ];
        for canonical in strings {
            for category in strings.iter().map(|s| Some(*s)).chain([None]) {
                for rule in strings {
                    let m = Mention {
                        start: 3,
                        end: 9,
                        canonical,
                        category,
                        rule: Cow::Borrowed(rule),
                        confidence: 0.7,
                        org: None,
                    };
                    let expected = serde_json::to_string(&m).expect("a mention serialises");
                    assert_eq!(json(&m), expected);
                }
            }
        }
    }
}
