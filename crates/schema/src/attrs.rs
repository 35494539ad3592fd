//! Typed attributes of the kinds SPEC.md defines, and their validation.
//!
//! Architecture invariant: the host never interprets a plugin's attrs except
//! to validate the kinds listed here; other kinds pass through unchanged.
//!
//! The quick check in `flat_attrs` holds these structs' fields again as a
//! table: change both together (its property tests fail when they differ).

use serde::de::{Deserializer, IgnoredAny};
use serde::{Deserialize, Serialize};

/// `money` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoneyAttrs {
    /// The amount in units; for a range, the lower bound.
    pub value: f64,
    /// The upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// ISO 4217 code, or null when unknown.
    #[serde(deserialize_with = "present")]
    pub currency: Option<String>,
    /// True when the currency was taken from context.
    pub currency_inferred: bool,
    /// `approx`, `over`, `under`, or null.
    #[serde(deserialize_with = "present")]
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
    #[serde(deserialize_with = "present")]
    pub speaker: Option<String>,
    /// What the marks hold: words someone said, or a term set apart (a
    /// title, a name, a word in quotes); absent when a plugin does not say.
    /// The summary groups only speech by speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<QuoteForm>,
}

/// What a quotation's marks hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// Words someone said or wrote (`« Nous visons l'équilibre »`).
    Speech,
    /// A term set apart: a title, a name, a word (`le « cloud souverain »`).
    Term,
}

impl QuoteForm {
    /// The value as written in attrs (`speech`, `term`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteForm::Speech => "speech",
            QuoteForm::Term => "term",
        }
    }

    /// The form an attrs value names, if any.
    pub fn parse(value: &str) -> Option<Self> {
        [QuoteForm::Speech, QuoteForm::Term].into_iter().find(|f| f.as_str() == value)
    }
}

/// `ai_model` attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiModelAttrs {
    /// Name with version and variant, normalised in case and spacing.
    pub canonical: String,
    /// Model family (`GPT`, `Phi`, `MAI`).
    #[serde(deserialize_with = "present")]
    pub family: Option<String>,
    /// The vendor's canonical organisation name.
    #[serde(deserialize_with = "present")]
    pub vendor: Option<String>,
}

/// `person` attributes (the people plugin's helper kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonAttrs {
    /// The fullest form of the name in the document.
    pub canonical: String,
    /// The gender the first name suggests, which a pronoun agrees with
    /// (`a-t-elle ajouté`); null or absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

/// A person's gender as a first name suggests it: what the quotations
/// plugin matches a pronoun (`il`, `elle`) against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// `f`.
    #[serde(rename = "f")]
    Feminine,
    /// `m`.
    #[serde(rename = "m")]
    Masculine,
}

impl Gender {
    /// The value as written in attrs (`f`, `m`).
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Feminine => "f",
            Gender::Masculine => "m",
        }
    }

    /// The gender an attrs value names, if any.
    pub fn parse(value: &str) -> Option<Self> {
        [Gender::Feminine, Gender::Masculine].into_iter().find(|g| g.as_str() == value)
    }
}

/// The kinds whose attributes the host validates.
pub const KNOWN_KINDS: &[&str] = &["money", "organization", "quotation", "ai_model", "person"];

/// A nullable attribute that must be present: `null` is fine, a missing
/// key is not (serde takes a missing `Option` for `None` otherwise).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(deserializer)
}

/// Checks `json`, the attributes of a `kind` entity as a plugin sent them:
/// one JSON object, valid against the schema of `kind` when it is a known
/// kind. The error says which attribute is wrong. This runs on every
/// entity of a run: attrs in the usual form are checked in one quick pass
/// (`flat_attrs`), the others read with serde.
pub fn validate(kind: &str, json: &str) -> Result<(), String> {
    Schema::of(kind).validate(kind, json).map(drop)
}

/// How the attrs of one kind are checked, looked up from its name once:
/// the host resolves each kind a plugin declares when it loads it, rather
/// than matching the name of every entity's kind against the known ones.
#[derive(Debug, Clone, Copy)]
pub struct Schema(crate::flat_attrs::Table);

impl Schema {
    /// The schema of `kind` (any object, for a kind the host does not check).
    pub fn of(kind: &str) -> Self {
        Schema(crate::flat_attrs::Table::of(kind))
    }

    /// [`validate`] for attrs of `kind`, whose schema this is: the same
    /// answers and errors, and on a yes, what the check saw of the text.
    pub fn validate(self, kind: &str, json: &str) -> Result<Checked, String> {
        if !starts_an_object(json) {
            return Err(format!("attrs of a {kind} entity are not a JSON object"));
        }
        if let Some(compact) = crate::flat_attrs::quick_check(self.0, json) {
            return Ok(Checked { compact });
        }
        read_and_check(kind, json)?;
        Ok(Checked { compact: false })
    }
}

/// What [`Schema::validate`] saw of attrs it accepted: attrs it saw
/// compact are kept as they are, without a second look at the text
/// ([`crate::output::Attrs::compact_from_plugin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// The text is as the output keeps it: `{` first, `}` last (no
    /// whitespace around), on one line. False when unsure.
    pub(crate) compact: bool,
}

impl Checked {
    /// Whether the attrs were seen compact: such attrs are kept as they
    /// are ([`crate::output::Attrs::compact_from_plugin`]).
    pub fn is_compact(self) -> bool {
        self.compact
    }
}

/// [`validate`] with serde: the attrs of a known kind read into its
/// struct, any other kind's read as one JSON object.
pub(crate) fn read_and_check(kind: &str, json: &str) -> Result<(), String> {
    fn read<'a, T: Deserialize<'a>>(kind: &str, json: &'a str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| {
            let why = e.to_string();
            match why.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
                Some(key) => format!("{kind} entity lacks attrs.{key}"),
                None => format!("invalid {kind} attrs: {why}"),
            }
        })
    }
    match kind {
        "money" => {
            let money: MoneyAttrs = read(kind, json)?;
            check_money(money.value, money.max, money.currency.as_deref())?;
        }
        "organization" => drop(read::<OrganizationAttrs>(kind, json)?),
        "quotation" => drop(read::<QuotationAttrs>(kind, json)?),
        "ai_model" => drop(read::<AiModelAttrs>(kind, json)?),
        "person" => drop(read::<PersonAttrs>(kind, json)?),
        // Other kinds: any object.
        _ => drop(
            serde_json::from_str::<IgnoredAny>(json)
                .map_err(|e| format!("attrs of a {kind} entity are not a JSON object: {e}"))?,
        ),
    }
    Ok(())
}

/// The checks of money attrs beyond their types: an amount (and the upper
/// bound of a range) finite and non-negative, an ISO 4217 currency code.
pub(crate) fn check_money(value: f64, max: Option<f64>, currency: Option<&str>) -> Result<(), String> {
    if !value.is_finite() || value < 0.0 {
        return Err(format!("money value {value} is not a finite non-negative number"));
    }
    if let Some(max) = max {
        if !max.is_finite() || max < value {
            return Err(format!("money max {max} is below value {value} or not finite"));
        }
    }
    if let Some(code) = currency {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("money currency {code:?} is not an ISO 4217 code"));
        }
    }
    Ok(())
}

/// Whether JSON text opens an object: checked before reading it, since
/// serde reads a struct from an array of its fields too. Whether the object
/// is well formed and alone is left to the parse that follows.
pub(crate) fn starts_an_object(json: &str) -> bool {
    json.trim_start().starts_with('{')
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
        // Nullable keys must still be there; a struct is never read from an array.
        assert_eq!(validate("quotation", r#"{"content": "x"}"#), Err("quotation entity lacks attrs.speaker".into()));
        assert_eq!(
            validate("money", r#"{"value": 1, "currency": null, "currency_inferred": false}"#),
            Err("money entity lacks attrs.qualifier".into())
        );
        assert!(validate("organization", r#"["OpenAI"]"#).expect_err("an array").contains("not a JSON object"));
        assert!(validate("person", r#"{"canonical": "Ada"} {}"#).is_err());
    }

    #[test]
    fn the_facts_plugins_pass_each_other_are_typed() {
        // A person's gender and a quotation's form: optional, but one of their values when given.
        assert!(validate("person", &obj(json!({"canonical": "Ada", "gender": "f"}))).is_ok());
        assert!(validate("person", &obj(json!({"canonical": "Ada", "gender": null}))).is_ok());
        assert!(validate("person", &obj(json!({"canonical": "Ada", "gender": "x"}))).is_err());
        let quote = |form: serde_json::Value| obj(json!({"content": "x", "speaker": null, "form": form}));
        assert!(validate("quotation", &quote(json!("term"))).is_ok());
        assert!(validate("quotation", &quote(json!("speech"))).is_ok());
        assert!(validate("quotation", &quote(json!("aside"))).is_err());
        assert_eq!(Gender::parse("m"), Some(Gender::Masculine));
        assert_eq!(QuoteForm::parse(QuoteForm::Term.as_str()), Some(QuoteForm::Term));
        assert_eq!(QuoteForm::parse("aside"), None);
    }

    #[test]
    fn every_known_kind_has_its_schema() {
        // Each known kind requires a key, so an empty object fails it; any other kind takes it.
        for kind in KNOWN_KINDS {
            assert!(validate(kind, "{}").is_err(), "{kind}");
        }
        assert_eq!(validate("sentiment", "{}"), Ok(()));
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
