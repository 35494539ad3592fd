//! The people and organisations other plugins found before, as the rules
//! read them: a span each, a person's name and gender, an organisation's
//! name and category.
//!
//! An organisation's attrs are read only when a rule first asks for its
//! name or category: most organisations an article names are never asked
//! about (a speaker's place is found by its span alone), and reading the
//! attrs' JSON cost about a thousand instructions an organisation. A
//! person's are read at once. Attrs in the usual form of the people and
//! organizations plugins are read by a match of that form
//! (`usual_attrs`), a tenth of that cost; any other by
//! `string_attrs_borrowed`.

use std::borrow::Cow;
use std::cell::OnceCell;

use glaneur_schema::entity::string_attrs_borrowed;
use glaneur_schema::json_text::next_escape;
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
        let (canonical, gender) = match usual_attrs(e.attrs.as_str(), r#"{"canonical":""#, r#","gender":"#) {
            Some((canonical, gender)) => (Cow::Borrowed(canonical), gender.and_then(Pronoun::parse)),
            None => {
                let [canonical, gender] = string_attrs_borrowed(e, ["canonical", "gender"])?;
                (canonical.unwrap_or_default(), gender.as_deref().and_then(Pronoun::parse))
            }
        };
        Ok(PersonRef { start: e.start as usize, end: e.end as usize, canonical, gender })
    }
}

/// The values of the first two keys of attrs in the usual form of the
/// people and organizations plugins, `{"canonical":"…","<key>":"…",
/// "rule":"…"}` (the second value may be `null`), each string plain (no
/// escape, no control char): matched as written, `first` being
/// `{"canonical":"` and `second` `,"<key>":`. `None` for any other form.
#[inline]
fn usual_attrs<'j>(json: &'j str, first: &str, second: &str) -> Option<(&'j str, Option<&'j str>)> {
    let (one, rest) = plain_string(json.strip_prefix(first)?)?;
    let rest = rest.strip_prefix(second)?;
    let (two, rest) = match rest.strip_prefix("null") {
        Some(rest) => (None, rest),
        None => plain_string(rest.strip_prefix('"')?).map(|(two, rest)| (Some(two), rest))?,
    };
    let (_, rest) = plain_string(rest.strip_prefix(r#","rule":""#)?)?;
    (rest == "}").then_some((one, two))
}

/// The plain JSON string that `text` starts with (its opening quote read),
/// and what follows its closing quote; `None` when an escape or a control
/// char comes first.
fn plain_string(text: &str) -> Option<(&str, &str)> {
    let end = next_escape(text.as_bytes(), 0)?;
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
    read: OnceCell<(Canonical, bool)>,
}

/// Where an organisation's canonical name is written: most often in its
/// entity's attrs, with no escape (borrowed from there, not copied).
#[derive(Debug, Clone)]
enum Canonical {
    /// At this span of the entity's attrs.
    InAttrs(usize, usize),
    /// The text of the organisation's span.
    Written,
    /// Neither: unescaped, or given.
    Own(String),
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
        let read = OnceCell::from((Canonical::Own(canonical.to_owned()), media));
        OrgRef { start, end, written: "", entity: None, read }
    }

    /// Its canonical name (the text when the plugin gave none).
    pub fn canonical(&self) -> &str {
        match &self.about().0 {
            Canonical::InAttrs(start, end) => self.entity.map_or("", |e| &e.attrs.as_str()[*start..*end]),
            Canonical::Written => self.written,
            Canonical::Own(name) => name,
        }
    }

    /// A news outlet (category `media`): what `le quotidien` stands for.
    pub fn media(&self) -> bool {
        self.about().1
    }

    /// Its canonical name and category, read from its attrs the first time.
    /// The host passes on only attrs it has validated, an object whose
    /// `canonical` is a string; attrs that are no JSON object (never from
    /// the host) read as giving neither.
    fn about(&self) -> &(Canonical, bool) {
        self.read.get_or_init(|| {
            let attrs = self.entity.map_or("", |e| e.attrs.as_str());
            let usual = self.entity.and_then(|_| usual_attrs(attrs, r#"{"canonical":""#, r#","category":"#));
            let read = || self.entity.map(|e| string_attrs_borrowed(e, ["canonical", "category"]));
            let [canonical, category] = match usual {
                Some((canonical, category)) => [Some(Cow::Borrowed(canonical)), category.map(Cow::Borrowed)],
                None => match read() {
                    Some(Ok(values)) => values,
                    _ => [None, None],
                },
            };
            // A name borrowed from the attrs is kept as its span there
            // (found from its address, and checked to be that slice).
            let span = |name: &str| {
                let start = (name.as_ptr() as usize).checked_sub(attrs.as_ptr() as usize)?;
                let end = start.checked_add(name.len())?;
                attrs.get(start..end).filter(|at| std::ptr::eq(*at, name)).map(|_| (start, end))
            };
            let canonical = match canonical {
                None => Canonical::Written,
                Some(Cow::Borrowed(name)) => match span(name) {
                    Some((start, end)) => Canonical::InAttrs(start, end),
                    None => Canonical::Own(name.to_owned()),
                },
                Some(Cow::Owned(name)) => Canonical::Own(name),
            };
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
    fn the_usual_attrs_are_read_as_any_attrs() {
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
            let entity = Entity { kind: "person", span: 0..1, confidence: 0.9, attrs, extractor: String::new() };
            let entity = entity.into_ffi("people");
            let read = PersonRef::read(&entity);
            let [canonical, gender] = string_attrs_borrowed(&entity, ["canonical", "gender"]).expect("an object");
            let gender = gender.as_deref().and_then(Pronoun::parse);
            assert_eq!(read.map(|p| (p.canonical, p.gender)), Ok((canonical.unwrap_or_default(), gender)), "{json}");
            usual += usize::from(usual_attrs(entity.attrs.as_str(), r#"{"canonical":""#, r#","gender":"#).is_some());
            // The same attrs as an organisation's, and with a category.
            let json = json.replace("gender", "category").replace(r#""m""#, r#""media""#);
            let Ok(attrs) = Attrs::new(&json) else { continue };
            let entity = Entity { kind: "organization", span: 0..1, confidence: 0.9, attrs, extractor: String::new() };
            let entity = entity.into_ffi("orgs");
            let org = OrgRef::found(&entity, "Z");
            let [canonical, category] = string_attrs_borrowed(&entity, ["canonical", "category"]).expect("an object");
            let expected =
                (canonical.map_or_else(|| "Z".to_owned(), Cow::into_owned), category.as_deref() == Some("media"));
            assert_eq!((org.canonical(), org.media()), (expected.0.as_str(), expected.1), "{json}");
        }
        assert!(usual > 10, "{usual} in the usual form");
    }
}
