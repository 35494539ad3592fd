//! Typed attributes of the kinds SPEC.md defines, and their validation.
//!
//! Architecture invariant: the host never interprets a plugin's attrs except
//! to validate the kinds listed here; other kinds pass through unchanged.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
fn required_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "money" => &["value", "currency", "currency_inferred", "qualifier"],
        "organization" | "person" => &["canonical"],
        "quotation" => &["content", "speaker"],
        "ai_model" => &["canonical", "family", "vendor"],
        _ => &[],
    }
}

/// Checks `attrs` against the schema of `kind`; other kinds are accepted
/// as they are. The error says which attribute is wrong.
pub fn validate(kind: &str, attrs: &Map<String, Value>) -> Result<(), String> {
    if let Some(missing) = required_keys(kind).iter().find(|k| !attrs.contains_key(**k)) {
        return Err(format!("{kind} entity lacks attrs.{missing}"));
    }
    // Read in place: `&Map` is a deserializer (no copy of the attrs per entity).
    fn read<'a, T: Deserialize<'a>>(kind: &str, attrs: &'a Map<String, Value>) -> Result<T, String> {
        T::deserialize(attrs).map_err(|e| format!("invalid {kind} attrs: {e}"))
    }
    match kind {
        "money" => {
            let money: MoneyAttrs = read(kind, attrs)?;
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
        "organization" => drop(read::<OrganizationAttrs>(kind, attrs)?),
        "quotation" => drop(read::<QuotationAttrs>(kind, attrs)?),
        "ai_model" => drop(read::<AiModelAttrs>(kind, attrs)?),
        "person" => drop(read::<PersonAttrs>(kind, attrs)?),
        _ => {}
    }
    Ok(())
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

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().expect("object")
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
    fn kind_names_are_snake_case() {
        assert!(is_valid_kind_name("ai_model"));
        assert!(!is_valid_kind_name("AiModel"));
        assert!(!is_valid_kind_name(""));
        assert!(!is_valid_kind_name("_x"));
    }
}
