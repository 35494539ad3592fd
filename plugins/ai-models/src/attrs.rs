//! A mention's attributes as the JSON text an entity carries, written by
//! hand: serde_json's serializer, a call and a table lookup per byte, was
//! a tenth of the plugin's time for five short strings. A catalogued
//! family's name, vendor and kind are escaped once, at load, and copied;
//! so is the rule, one of the plugin's names, which needs no escape.

use glaneur_schema::json_text::push_str;

use crate::Mention;

/// The attributes of `m` as serde_json writes the [`Mention`] (its
/// `Serialize` is the reference): `canonical`, `family`, `vendor`, `type`
/// and `rule`, a missing one as `null`.
pub(crate) fn json(m: &Mention<'_>) -> String {
    // Room for all of it but escapes: the keys and marks (50 bytes), each
    // string's quotes, a missing one's `null`.
    let option_len = |value: Option<&str>| value.map_or(4, |v| v.len() + 2);
    let strings = m.canonical.len() + 2 + m.rule.len() + 2;
    let options = option_len(m.family) + option_len(m.vendor.as_deref()) + option_len(m.kind);
    let mut out = String::with_capacity(50 + strings + options);
    out.push_str("{\"canonical\":");
    push_str(&mut out, &m.canonical);
    if let Some(written) = m.written {
        out.push_str(written);
    } else {
        out.push_str(",\"family\":");
        write_option(&mut out, m.family);
        out.push_str(",\"vendor\":");
        write_option(&mut out, m.vendor.as_deref());
        out.push_str(",\"type\":");
        write_option(&mut out, m.kind);
    }
    // A rule is one of the plugin's own names (letters, `+`, `:`), which
    // JSON writes as they are: copied, not searched for escapes.
    debug_assert!(!m.rule.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'), "{:?}", m.rule);
    out.push_str(",\"rule\":\"");
    out.push_str(m.rule);
    out.push_str("\"}");
    out
}

/// Appends `value` as a JSON string, or `null`.
fn write_option(out: &mut String, value: Option<&str>) {
    match value {
        Some(value) => push_str(out, value),
        None => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn the_attributes_are_what_serde_json_writes() {
        let strings =
            ["GPT-4o", "", "Mistral AI", "a \"quoted\" \\ name", "ligne\nsuivante\t\u{1}\u{1f}\u{7f}", "é’«»\u{2028}"];
        for canonical in strings {
            for other in strings.iter().map(|s| Some(*s)).chain([None]) {
                let m = Mention {
                    start: 3,
                    end: 9,
                    canonical: Cow::Borrowed(canonical),
                    family: other,
                    vendor: other.map(Cow::Borrowed),
                    kind: other,
                    rule: "catalogue+version",
                    written: None,
                    confidence: 0.95,
                };
                let expected = serde_json::to_string(&m).expect("a mention serialises");
                let written = json(&m);
                // Written in the room made for it, when nothing is escaped.
                if !expected.contains('\\') {
                    assert_eq!(written.capacity(), expected.len(), "{expected}");
                }
                assert_eq!(written, expected);
            }
        }
    }

    #[test]
    fn a_familys_written_attributes_are_what_serde_json_writes() {
        let catalogue = crate::catalogue::Catalogue::load().expect("catalogue loads");
        let mut families = catalogue.families.clone();
        // Names that need escapes too.
        for name in ["a \"quoted\" \\ name", "ligne\nsuivante\t\u{1}", "é’«»\u{2028}"] {
            let attrs_json = crate::catalogue::attrs_json(name, name, name);
            let model = &families[0];
            families.push(crate::catalogue::Family {
                name: name.to_owned(),
                vendor: name.to_owned(),
                kind: name.to_owned(),
                attrs_json,
                ..model.clone()
            });
        }
        for family in &families {
            let m = Mention {
                start: 0,
                end: 3,
                canonical: Cow::Owned(format!("{}-4o", family.name)),
                family: Some(&family.name),
                vendor: Some(Cow::Borrowed(&family.vendor)),
                kind: Some(&family.kind),
                rule: "catalogue+context:model",
                written: Some(&family.attrs_json),
                confidence: 0.95,
            };
            let expected = serde_json::to_string(&m).expect("a mention serialises");
            assert_eq!(json(&m), expected);
        }
    }
}
