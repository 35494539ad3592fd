//! The people and organisations other plugins found before, as the rules
//! read them: a span each, a person's name and gender, an organisation's
//! name and category.
//!
//! An organisation's attrs are read only when a rule first asks for its
//! name or category: most organisations an article names are never asked
//! about (a speaker's place is found by its span alone), and reading the
//! attrs' JSON cost about a thousand instructions an organisation. A
//! person's are read at once, in the people plugin's usual form
//! (`usual_person_attrs`) by a match of that form, any other by
//! `string_attrs_borrowed`.

use std::borrow::Cow;
use std::cell::OnceCell;

use glaneur_schema::entity::string_attrs_borrowed;
use glaneur_schema::FfiEntity;

use crate::verbs::Pronoun;

/// A person found by the people plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef<'a> {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The fullest form of the name (borrowed from the entity's attrs when
    /// written there with no escape).
    pub canonical: Cow<'a, str>,
    /// The gender the first name takes, when known.
    pub gender: Option<Pronoun>,
}

impl<'a> PersonRef<'a> {
    /// The person `e` (a `person` entity) names.
    ///
    /// # Errors
    /// When its attrs are no JSON object.
    pub fn read(e: &'a FfiEntity) -> Result<Self, String> {
        let (canonical, gender) = match usual_person_attrs(e.attrs.as_str()) {
            Some((canonical, gender)) => (Cow::Borrowed(canonical), gender.and_then(Pronoun::parse)),
            None => {
                let [canonical, gender] = string_attrs_borrowed(e, ["canonical", "gender"])?;
                (canonical.unwrap_or_default(), gender.as_deref().and_then(Pronoun::parse))
            }
        };
        Ok(PersonRef { start: e.start as usize, end: e.end as usize, canonical, gender })
    }
}

/// The `canonical` and `gender` of a person's attrs in the people plugin's
/// usual form, `{"canonical":"…","gender":"…","rule":"…"}` (`gender` may
/// be `null`), each string plain (no escape, no control char): matched
/// as written, a tenth of the cost of a reader of any object. `None` for
/// any other form.
fn usual_person_attrs(json: &str) -> Option<(&str, Option<&str>)> {
    let (canonical, rest) = plain_string(json.strip_prefix(r#"{"canonical":""#)?)?;
    let rest = rest.strip_prefix(r#","gender":"#)?;
    let (gender, rest) = match rest.strip_prefix("null") {
        Some(rest) => (None, rest),
        None => plain_string(rest.strip_prefix('"')?).map(|(gender, rest)| (Some(gender), rest))?,
    };
    let (_, rest) = plain_string(rest.strip_prefix(r#","rule":""#)?)?;
    (rest == "}").then_some((canonical, gender))
}

/// The plain JSON string that `text` starts with (its opening quote read),
/// and what follows its closing quote; `None` when an escape or a control
/// char comes first.
fn plain_string(text: &str) -> Option<(&str, &str)> {
    let end = text.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20)?;
    (text.as_bytes()[end] == b'"').then(|| (&text[..end], &text[end + 1..]))
}

/// An organisation found by the organizations plugin.
#[derive(Debug, Clone)]
pub struct OrgRef<'a> {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text of the span: its canonical name when its attrs give none.
    written: &'a str,
    /// The entity whose attrs give its name and category; `None` when
    /// they were given ([`OrgRef::known`]).
    entity: Option<&'a FfiEntity>,
    /// Its canonical name and whether it is a news outlet, once read.
    read: OnceCell<(String, bool)>,
}

impl<'a> OrgRef<'a> {
    /// The organisation `e` (an `organization` entity of `text`) names,
    /// its attrs left to be read when first asked about.
    pub fn found(e: &'a FfiEntity, text: &'a str) -> Self {
        let (start, end) = (e.start as usize, e.end as usize);
        let written = text.get(start..end).unwrap_or_default();
        OrgRef { start, end, written, entity: Some(e), read: OnceCell::new() }
    }

    /// An organisation at `start..end` whose canonical name and category
    /// are known.
    pub fn known(start: usize, end: usize, canonical: &str, media: bool) -> Self {
        let read = OnceCell::from((canonical.to_owned(), media));
        OrgRef { start, end, written: "", entity: None, read }
    }

    /// Its canonical name (the text when the plugin gave none).
    pub fn canonical(&self) -> &str {
        &self.about().0
    }

    /// A news outlet (category `media`): what `le quotidien` stands for.
    pub fn media(&self) -> bool {
        self.about().1
    }

    /// Its canonical name and category, read from its attrs the first time.
    /// The host passes on only attrs it has validated, an object whose
    /// `canonical` is a string; attrs that are no JSON object (never from
    /// the host) read as giving neither.
    fn about(&self) -> &(String, bool) {
        self.read.get_or_init(|| {
            let read = self.entity.map(|e| string_attrs_borrowed(e, ["canonical", "category"]));
            let [canonical, category] = match read {
                Some(Ok(values)) => values,
                _ => [None, None],
            };
            let canonical = canonical.map_or_else(|| self.written.to_owned(), Cow::into_owned);
            (canonical, category.as_deref() == Some("media"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::output::Attrs;
    use glaneur_schema::Entity;

    #[test]
    fn the_usual_person_attrs_are_read_as_any_attrs() {
        let names = ["Victor Hamel", "", "Élodie d’Arvieu", "A \\\"B\\\" C", "x\\u00e9", "Jean\\nDupont"];
        let genders = [r#""m""#, r#""f""#, "null", r#""x""#, r#""""#, "1", r#""m\"""#];
        let mut attrs = Vec::new();
        for name in names {
            for gender in genders {
                attrs.push(format!(r#"{{"canonical":"{name}","gender":{gender},"rule":"first-name"}}"#));
                attrs.push(format!(r#"{{"canonical":"{name}","gender":{gender},"rule":"ro\"le"}}"#));
                attrs.push(format!(r#"{{"gender":{gender},"canonical":"{name}","rule":"role"}}"#));
                attrs.push(format!(r#"{{"canonical":"{name}","gender":{gender}}}"#));
                attrs.push(format!(r#"{{"canonical":"{name}","gender":{gender},"rule":"r","canonical":"Z"}}"#));
                attrs.push(format!(r#"{{"canonical": "{name}", "gender": {gender}, "rule": "r"}}"#));
            }
        }
        let mut usual = 0;
        for json in &attrs {
            // Kept as written (serde checks it is JSON): spaces and escapes too.
            let Ok(attrs) = Attrs::new(json) else { continue };
            let entity = Entity { kind: "person".into(), span: 0..1, confidence: 0.9, attrs, extractor: String::new() };
            let entity = entity.into_ffi("people");
            let read = PersonRef::read(&entity);
            let [canonical, gender] = string_attrs_borrowed(&entity, ["canonical", "gender"]).expect("an object");
            let gender = gender.as_deref().and_then(Pronoun::parse);
            assert_eq!(read.map(|p| (p.canonical, p.gender)), Ok((canonical.unwrap_or_default(), gender)), "{json}");
            usual += usize::from(usual_person_attrs(entity.attrs.as_str()).is_some());
        }
        assert!(usual > 10, "{usual} in the usual form");
    }
}
