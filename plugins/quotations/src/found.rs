//! The people and organisations other plugins found before, as the rules
//! read them: a span each, a person's name and gender, an organisation's
//! name and category.
//!
//! An organisation's attrs are read only when a rule first asks for its
//! name or category: most organisations an article names are never asked
//! about (a speaker's place is found by its span alone), and reading the
//! attrs' JSON cost about a thousand instructions an organisation.

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
        let [canonical, gender] = string_attrs_borrowed(e, ["canonical", "gender"])?;
        let gender = gender.as_deref().and_then(Pronoun::parse);
        let canonical = canonical.unwrap_or_default();
        Ok(PersonRef { start: e.start as usize, end: e.end as usize, canonical, gender })
    }
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
