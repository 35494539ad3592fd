//! Typed attributes of the kinds SPEC.md defines, and their validation.
//!
//! Architecture invariant: the host never interprets a plugin's attrs except
//! to validate the kinds listed here; other kinds pass through unchanged.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::entity::KeyIndex;

/// `money` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoneyAttrs {
    /// The amount in units; for a range, the lower bound.
    pub value: f64,
    /// The upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// ISO 4217 code, or null when unknown.
    pub currency: Option<String>,
    /// True when the currency was taken from context.
    pub currency_inferred: bool,
    /// `approx`, `over`, `under`, or null.
    pub qualifier: Option<Qualifier>,
}

/// How an amount is qualified (`près de` → approx, `plus de` → over, `moins de` → under).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    /// Approximately.
    Approx,
    /// More than.
    Over,
    /// Less than, up to.
    Under,
}

/// `organization` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationAttrs {
    /// One name per organisation (`Mistral` → `Mistral AI`).
    pub canonical: String,
}

/// `quotation` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotationAttrs {
    /// The text between the marks, trimmed.
    pub content: String,
    /// Who said it, as a name, or null.
    pub speaker: Option<String>,
}

/// `ai_model` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiModelAttrs {
    /// Name with version and variant, normalised in case and spacing.
    pub canonical: String,
    /// Model family (`GPT`, `Phi`, `MAI`).
    pub family: Option<String>,
    /// The vendor's canonical organisation name.
    pub vendor: Option<String>,
}

/// `person` attributes (the people plugin's helper kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonAttrs {
    /// The fullest form of the name in the document.
    pub canonical: String,
}

/// The kinds whose attributes the host validates.
pub const KNOWN_KINDS: &[&str] = &["money", "organization", "quotation", "ai_model", "person"];

/// Keys that must be present (possibly null) for each known kind.
fn required_keys(kind: &str) -> [&'static str; 4] {
    match kind {
        "money" => ["value", "currency", "currency_inferred", "qualifier"],
        "organization" | "person" => ["canonical", "", "", ""],
        "quotation" => ["content", "speaker", "", ""],
        "ai_model" => ["canonical", "family", "vendor", ""],
        _ => ["", "", "", ""],
    }
}

/// Checks `json`, the attributes of a `kind` entity as a plugin sent them:
/// one JSON object, valid against the schema of `kind` when it is a known
/// kind. The error says which attribute is wrong. Read straight from the
/// text, without building a map: this runs on every entity of a run.
pub fn validate(kind: &str, json: &str) -> Result<(), String> {
    let required = required_keys(kind);
    let mut reader = serde_json::Deserializer::from_str(json);
    let present = reader
        .deserialize_map(Present(&required))
        .and_then(|present| reader.end().map(|()| present))
        .map_err(|e| format!("attrs of a {kind} entity are not a JSON object: {e}"))?;
    if let Some(missing) = required.iter().zip(present).find(|(k, seen)| !k.is_empty() && !seen) {
        return Err(format!("{kind} entity lacks attrs.{}", missing.0));
    }
    fn read<'a, T: Deserialize<'a>>(kind: &str, json: &'a str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| format!("invalid {kind} attrs: {e}"))
    }
    match kind {
        "money" => {
            let money: MoneyAttrs = read(kind, json)?;
            if !money.value.is_finite() || money.value < 0.0 {
                return Err(format!("money value {} is not a finite non-negative number", money.value));
            }
            if let Some(max) = money.max {
                if !max.is_finite() || max < money.value {
                    return Err(format!("money max {max} is below value {} or not finite", money.value));
                }
            }
            if let Some(code) = &money.currency {
                if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!("money currency {code:?} is not an ISO 4217 code"));
                }
            }
        }
        "organization" => drop(read::<OrganizationAttrs>(kind, json)?),
        "quotation" => drop(read::<QuotationAttrs>(kind, json)?),
        "ai_model" => drop(read::<AiModelAttrs>(kind, json)?),
        "person" => drop(read::<PersonAttrs>(kind, json)?),
        _ => {}
    }
    Ok(())
}

/// Which of the required keys an object has; any other JSON is an error.
struct Present<'k>(&'k [&'static str; 4]);

impl<'de> Visitor<'de> for Present<'_> {
    type Value = [bool; 4];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut present = [false; 4];
        while let Some(index) = map.next_key_seed(KeyIndex(self.0))? {
            if let Some(i) = index {
                present[i] = true;
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(present)
    }
}

/// Whether `kind` is a valid kind name: lowercase snake_case.
pub fn is_valid_kind_name(kind: &str) -> bool {
    let bytes = kind.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: serde_json::Value) -> String {
        v.to_string()
    }

    #[test]
    fn valid_money_passes() {
        let attrs = obj(json!({"value": 10, "currency": "USD", "currency_inferred": false,
                               "qualifier": "approx", "rule": "digits"}));
        assert_eq!(validate("money", &attrs), Ok(()));
    }

    #[test]
    fn money_errors_name_the_attribute() {
        let missing = obj(json!({"value": 10, "currency": "USD", "qualifier": null}));
        assert_eq!(validate("money", &missing), Err("money entity lacks attrs.currency_inferred".into()));
        let bad_code = obj(json!({"value": 1, "currency": "dollars", "currency_inferred": false, "qualifier": null}));
        assert!(validate("money", &bad_code).unwrap_err().contains("ISO 4217"));
        let bad_range =
            obj(json!({"value": 5, "max": 2, "currency": null, "currency_inferred": false, "qualifier": null}));
        assert!(validate("money", &bad_range).unwrap_err().contains("below"));
        let bad_qualifier = obj(json!({"value": 5, "currency": null, "currency_inferred": false, "qualifier": "many"}));
        assert!(validate("money", &bad_qualifier).is_err());
    }

    #[test]
    fn other_kinds_check_their_types() {
        assert!(validate("organization", &obj(json!({"canonical": "OpenAI"}))).is_ok());
        assert!(validate("organization", &obj(json!({"canonical": 3}))).is_err());
        assert!(validate("quotation", &obj(json!({"content": "x", "speaker": null}))).is_ok());
        assert!(validate("ai_model", &obj(json!({"canonical": "GPT-4o", "family": "GPT"}))).is_err());
        assert!(validate("percentage", &obj(json!({"anything": true}))).is_ok());
    }

    #[test]
    fn attrs_must_be_one_object() {
        for bad in ["[1]", "3", "\"x\"", "{\"a\": 1} {}", "{\"a\": }", ""] {
            let why = validate("percentage", bad).expect_err(bad);
            assert!(why.contains("not a JSON object"), "{bad}: {why}");
        }
        // A key written with escapes is still the key.
        assert!(validate("person", r#"{"canon\u0069cal": "Ada"}"#).is_ok());
    }

    #[test]
    fn kind_names_are_snake_case() {
        assert!(is_valid_kind_name("ai_model"));
        assert!(!is_valid_kind_name("AiModel"));
        assert!(!is_valid_kind_name(""));
        assert!(!is_valid_kind_name("_x"));
    }
}
