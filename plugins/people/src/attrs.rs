//! A `person` entity's attributes, written as JSON by hand: serde's
//! serializer escaped each key and value byte by byte, which cost more
//! than many a rule.

use glaneur_schema::attrs::Gender;
use glaneur_schema::json_text::push_str;

use crate::Rule;

/// The attrs of a person whose fullest name is `canonical`, as serde_json
/// writes them (README.md's order): `{"canonical":…,"gender":"f"|"m"|null,
/// "rule":…}`. Only the name may need escapes.
pub(crate) fn attrs_json(canonical: &str, gender: Option<Gender>, rule: Rule) -> String {
    // Sized when made, but for the name's escapes (the keys and values
    // besides the name fit in 64 bytes): reserving in an empty string
    // takes the slower path of growing one.
    let mut out = String::with_capacity(canonical.len() + 64);
    out.push_str("{\"canonical\":");
    push_str(&mut out, canonical);
    out.push_str(",\"gender\":");
    match gender {
        Some(gender) => {
            out.push('"');
            out.push_str(gender.as_str());
            out.push('"');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"rule\":\"");
    out.push_str(rule.as_str());
    out.push_str("\"}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use glaneur_schema::Entity;
    use serde::Serialize;

    /// The attrs as serde wrote them: the reference.
    #[derive(Serialize)]
    struct Attrs<'a> {
        canonical: &'a str,
        gender: Option<Gender>,
        rule: Rule,
    }

    #[test]
    fn attrs_are_written_as_serde_json_writes_them() {
        let names =
            ["Jean Garnier", "", "Élise \"Zoé\" Noël", "a\\b", "tab\there", "\u{1}\u{1f}\u{7f}", "李 明", "C.C. Wei"];
        let rules = [Rule::FirstName, Rule::Title, Rule::Role, Rule::Surname, Rule::Apposition];
        for canonical in names {
            for gender in [None, Some(Gender::Feminine), Some(Gender::Masculine)] {
                for rule in rules {
                    let by_serde = Entity::new("person", 0..1, 0.5, Attrs { canonical, gender, rule });
                    let json = attrs_json(canonical, gender, rule);
                    let by_hand = Entity::with_written_attrs("person", 0..1, 0.5, json).expect("one line");
                    assert_eq!(by_hand, by_serde);
                }
            }
        }
    }
}
