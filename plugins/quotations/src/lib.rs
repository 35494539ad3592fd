//! The quotations plugin (kind `quotation`): reported speech between
//! quotation marks, with its speaker.
//!
//! [`marks`] pairs the quotation marks; [`attribution`] finds the speaker,
//! reading the people (and organisations) found before — the plugin
//! requires `person`, so the host runs the people plugin first.

pub mod adverbials;
pub mod attribution;
pub mod endings;
pub mod entity;
pub mod found;
pub mod marks;
pub mod nouns;
pub mod paragraphs;
mod scratch;
pub mod token_words;
pub mod verbs;

use glaneur_schema::attrs::QuoteForm;

use glaneur_schema::{Document, Entity, FfiEntity, Plugin, PluginInfo};

use crate::attribution::{Attribution, Attributor, OrgRef, PersonRef, Room};
use crate::nouns::Nouns;
use crate::scratch::{recycle, Scratch};
use crate::verbs::Verbs;

/// A quotation with its attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Quotation<'a> {
    /// Byte span, marks included.
    pub start: usize,
    /// One past the closing mark.
    pub end: usize,
    /// The text between the marks, trimmed.
    pub content: &'a str,
    /// Speech, or a term: a quoted word or two that nobody says.
    pub form: QuoteForm,
    /// Who said it, and by which rule.
    pub attribution: Attribution<'a>,
}

/// Finds quotations.
pub struct Quotations {
    verbs: Verbs,
    nouns: Nouns,
}

impl Quotations {
    /// Loads the verb lexicon.
    pub fn load() -> Self {
        Quotations { verbs: Verbs::load(), nouns: Nouns::load() }
    }

    /// Every quotation in `doc`, attributed with the `persons` and `orgs`
    /// found before, each sorted by start and not overlapping.
    pub fn find<'a>(&self, doc: &Document<'a>, persons: &'a [PersonRef], orgs: &'a [OrgRef]) -> Vec<Quotation<'a>> {
        debug_assert!(glaneur_text::sorted_and_disjoint(persons, |p| (p.start, p.end)));
        debug_assert!(glaneur_text::sorted_and_disjoint(orgs, |o| (o.start, o.end)));
        let quotes = marks::quotes(doc.text());
        let mut attributions = Vec::new();
        self.attribute_into(doc, &quotes, (persons, orgs), (&Room::default(), &mut Vec::new()), &mut attributions);
        quotes.iter().zip(attributions).map(|(q, attribution)| quotation(doc.text(), q, attribution)).collect()
    }

    /// The attribution of each of `quotes` (found in `doc` by
    /// [`marks::quotes`]), as [`Quotations::find`] says, pushed onto `out`
    /// (empty), the rules read in `room` and the paragraphs found in
    /// `paragraph_starts`: what a thread keeps.
    fn attribute_into<'a>(
        &self,
        doc: &Document<'a>,
        quotes: &[marks::Quote],
        (persons, orgs): (&'a [PersonRef], &'a [OrgRef]),
        (room, paragraph_starts): (&Room, &mut Vec<usize>),
        out: &mut Vec<Attribution<'a>>,
    ) {
        // Nothing to attribute: no paragraphs nor index to build.
        if quotes.is_empty() {
            return;
        }
        let paragraphs = paragraphs::of_in(std::mem::take(paragraph_starts), doc);
        let lexicon = (&self.verbs, &self.nouns);
        Attributor::new(*doc, quotes, persons, orgs, lexicon, &paragraphs, room).attribute_into(out);
        *paragraph_starts = paragraphs.into_room();
    }

    /// [`Plugin::extract`], with this thread's kept buffers.
    fn extract_with(
        &self,
        doc: &Document<'_>,
        found: &[FfiEntity],
        scratch: &mut Scratch,
    ) -> Result<Vec<Entity>, String> {
        let text = doc.text();
        marks::quotes_into(text, &mut scratch.quotes, &mut scratch.other_quotes);
        let quotes = &scratch.quotes;
        if quotes.is_empty() {
            return Ok(Vec::new()); // the people and organisations found are not read
        }
        let mut persons: Vec<PersonRef> = recycle(std::mem::take(&mut scratch.persons));
        let mut orgs: Vec<OrgRef> = recycle(std::mem::take(&mut scratch.orgs));
        // Room for every entity found at most: grown a push at a time, they
        // cost a hundredth of the plugin.
        persons.reserve(found.len());
        orgs.reserve(found.len());
        for e in found.iter() {
            match e.kind.as_str() {
                "organization" => orgs.push(OrgRef::found(e, text)),
                "person" => persons.push(PersonRef::read(e)?),
                _ => {}
            }
        }
        // Other plugins may produce people and organisations too, over the
        // same words: the rules want them sorted and disjoint.
        glaneur_text::keep_leftmost_longest(&mut persons, |p| (p.start, p.end));
        glaneur_text::keep_leftmost_longest(&mut orgs, |o| (o.start, o.end));
        let mut attributions = recycle(std::mem::take(&mut scratch.attributions));
        self.attribute_into(
            doc,
            quotes,
            (&persons, &orgs),
            (&scratch.room, &mut scratch.paragraph_starts),
            &mut attributions,
        );
        // Sized for every quotation (collected into a `Result`, the vector
        // would be grown a push at a time).
        let mut entities = Vec::with_capacity(quotes.len());
        for (q, &attribution) in quotes.iter().zip(&attributions) {
            let q = quotation(text, q, attribution);
            entities.push(entity::entity(&q, confidence(q.attribution.rule)));
        }
        scratch.attributions = recycle(attributions);
        scratch.persons = recycle(persons);
        scratch.orgs = recycle(orgs);
        Ok(entities)
    }
}

/// The quotation `q` of `text`, attributed: a term when it names nobody
/// and reads as one ([`is_term`]).
fn quotation<'a>(text: &'a str, q: &marks::Quote, attribution: Attribution<'a>) -> Quotation<'a> {
    let content = q.content(text);
    let term = attribution.rule == "none" && is_term(text, q, content);
    Quotation {
        start: q.start,
        end: q.end,
        content,
        form: if term { QuoteForm::Term } else { QuoteForm::Speech },
        attribution,
    }
}

/// Whether an unattributed quote is a term rather than speech: one or two
/// words, a quote used as a noun (`le « cloud de confiance »`), or a title
/// (`le rapport « … »`).
fn is_term(text: &str, q: &marks::Quote, content: &str) -> bool {
    // Counted up to 13: the rules below tell apart 2, 4 and 12 words.
    let words = content.split_whitespace().take(13).count();
    let sentence_like = content.ends_with(['.', '!', '?', '…']);
    if words <= 2 || sentence_like || words > 12 {
        return words <= 2;
    }
    let from = glaneur_text::reach_back(text, q.start, 100);
    let before = text[from..q.start].rsplit(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'));
    let (mut determiner, mut title) = (false, false);
    for (k, word) in before.filter(|w| !w.is_empty()).take(6).enumerate() {
        with_lowered(word, |w| {
            // glaneur-lexicon's determiners but `au`, `aux` and `cet`, which
            // this rule has never read (left out when the list moved to the
            // lexicon, so that what is a term did not change).
            if k == 0 {
                determiner = glaneur_lexicon::is_determiner(w) && !matches!(w, "au" | "aux" | "cet");
            }
            // `La devise de la Silicon Valley, « … »`: a title word among
            // the six words before.
            title |= is_title_word(w);
        });
    }
    (determiner && words <= 4) || title
}

/// Whether `word` (lower-case) names a work or a title (`rapport`,
/// `slogan`, `titled`): a quote after it is a title, not speech.
fn is_title_word(word: &str) -> bool {
    matches!(
        word,
        "rapport"
            | "livre"
            | "ouvrage"
            | "film"
            | "série"
            | "émission"
            | "titre"
            | "intitulé"
            | "intitulée"
            | "baptisé"
            | "baptisée"
            | "programme"
            | "plan"
            | "projet"
            | "opération"
            | "slogan"
            | "devise"
            | "loi"
            | "offre"
            | "marque"
            | "campagne"
            | "hashtag"
            | "formule"
            | "étude"
            | "note"
            | "label"
            | "podcast"
            | "documentaire"
            | "album"
            | "report"
            | "book"
            | "titled"
            | "dubbed"
    )
}

/// `f` of `word` lowered, with `’` as `'`: a short ASCII word (most) on
/// the stack, any other in a string of its own. It folds `’` only (`ʼ`
/// stays): not [`glaneur_text::with_folded`], whose words are compared with
/// lists where `ʼ` is folded too.
fn with_lowered<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut lower = [0; 16];
    if let Some(lower) = lower.get_mut(..word.len()).filter(|_| word.is_ascii()) {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&endings::lowercase(word).replace('’', "'"))
}

impl Plugin for Quotations {
    const INFO: PluginInfo = PluginInfo {
        name: "quotations",
        version: env!("CARGO_PKG_VERSION"),
        produces: &[entity::KIND],
        requires: &["person", "organization"],
        description: "Quotations with their speakers.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        Ok(Quotations::load())
    }

    fn extract(&self, doc: &Document<'_>, found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Scratch::with(|scratch| self.extract_with(doc, found, scratch))
    }
}

/// How sure a quotation's attribution is, by the rule that made it
/// (README.md's table): a speaker named next to the quote is surer than
/// one a pronoun, a description or a neighbouring quote stands for. Users
/// filter on it: a wrong speaker is worse than none.
fn confidence(rule: &str) -> f64 {
    match rule {
        "verb-after" | "speaker-before" | "selon" | "pour" | "attribution-line" | "split-quote" => 0.9,
        "estime-que" | "verb-later" | "same-sentence" | "incise" => 0.85,
        "none" | "heading" | "indefinite" | "anonymous" => 0.8,
        "pronoun-inversion" | "pronoun-before" | "descriptive-mention" | "colon" => 0.75,
        "continuation" | "same-paragraph" | "clause-subject" => 0.7,
        _ => 0.6, // previous-paragraph, headline
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(Quotations);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`is_term`] did, each word lowered in a string of its own.
    fn is_term_by_strings(text: &str, q: &marks::Quote, content: &str) -> bool {
        // Counted up to 13: the rules below tell apart 2, 4 and 12 words.
        let words = content.split_whitespace().take(13).count();
        let sentence_like = content.ends_with(['.', '!', '?', '…']);
        if words <= 2 || sentence_like || words > 12 {
            return words <= 2;
        }
        let from = glaneur_text::reach_back(text, q.start, 100);
        let before: Vec<String> = text[from..q.start]
            .rsplit(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .take(6)
            .map(|w| endings::lowercase(w).replace('’', "'"))
            .collect();
        // glaneur-lexicon's determiners but `au`, `aux` and
        // `cet`, which this rule has never read (left out when the list moved
        // to the lexicon, so that what is a term did not change).
        let determiner = before
            .first()
            .is_some_and(|w| glaneur_lexicon::is_determiner(w) && !matches!(w.as_str(), "au" | "aux" | "cet"));
        // `La devise de la Silicon Valley, « … »`: a title word among the six
        // words before.
        let title = before.iter().any(|w| is_title_word(w));
        (determiner && words <= 4) || title
    }

    #[test]
    fn terms_are_told_as_with_lowered_strings() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        // Every title word and determiner, in every case, glued to others.
        let pieces = [
            "le ",
            "LE ",
            "L’",
            "l'",
            "Au ",
            "cet ",
            "RAPPORT ",
            "Série ",
            "ÉTUDE ",
            "intitulée ",
            "Book ",
            "titled ",
            "İNTITULÉ ",
            "\u{212a}",
            "x ",
            "d’un ",
            ", ",
            "« a b c » ",
            "« un deux trois quatre cinq » ",
            "ΟΔΟΣ ",
            "aaaaaaaaaaaaaaaaaaaaaaaaa ",
            "mots ",
        ];
        let mut draws = glaneur_testdata::Draws::new(9);
        let mut next = |n: usize| draws.below(n);
        for _ in 0..3000 {
            texts.push((0..next(20)).map(|_| pieces[next(pieces.len())]).collect());
        }
        let mut terms = 0;
        for text in &texts {
            for q in marks::quotes(text) {
                let content = q.content(text);
                let term = is_term(text, &q, content);
                assert_eq!(term, is_term_by_strings(text, &q, content), "{text:?}");
                terms += usize::from(term);
            }
        }
        assert!(terms > 100, "{terms} terms: the texts test too little");
    }
    use crate::verbs::Pronoun;

    /// Persons at every occurrence of each (name, gender) in `text`.
    fn persons(text: &str, names: &[(&str, Option<Pronoun>)]) -> Vec<PersonRef<'static>> {
        let mut out: Vec<PersonRef> = names
            .iter()
            .flat_map(|(name, gender)| {
                text.match_indices(name).map(move |(i, _)| PersonRef {
                    start: i,
                    end: i + name.len(),
                    canonical: (*name).to_owned().into(),
                    gender: *gender,
                })
            })
            .collect();
        out.sort_by_key(|p| p.start);
        out
    }

    /// The speaker, rule and form of each quotation found in `text`.
    fn found(text: &str, persons: &[PersonRef], orgs: &[OrgRef]) -> Vec<(Option<String>, &'static str, QuoteForm)> {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
        let found = Quotations::load().find(&buf.document(), persons, orgs);
        found.into_iter().map(|q| (q.attribution.speaker.map(str::to_owned), q.attribution.rule, q.form)).collect()
    }

    fn speakers(text: &str, names: &[(&str, Option<Pronoun>)]) -> Vec<(Option<String>, &'static str)> {
        found(text, &persons(text, names), &[]).into_iter().map(|(speaker, rule, _)| (speaker, rule)).collect()
    }

    /// Organisations at every occurrence of each (name, media) in `text`.
    fn orgs(text: &str, names: &[(&str, bool)]) -> Vec<OrgRef<'static>> {
        let mut out: Vec<OrgRef> = names
            .iter()
            .flat_map(|&(name, media)| {
                text.match_indices(name).map(move |(i, _)| OrgRef::known(i, i + name.len(), name, media))
            })
            .collect();
        out.sort_by_key(|o| o.start);
        out
    }

    /// The speakers and rules, with people and organisations.
    fn attributed(
        text: &str,
        names: &[(&str, Option<Pronoun>)],
        organisations: &[(&str, bool)],
    ) -> Vec<(Option<String>, &'static str)> {
        let found = found(text, &persons(text, names), &orgs(text, organisations));
        found.into_iter().map(|(speaker, rule, _)| (speaker, rule)).collect()
    }

    #[test]
    fn organisations_speak_by_name_and_by_description() {
        let text = "Nexalis a confirmé le rachat. « La transaction sera finalisée en mars », indique Nexalis dans un communiqué.";
        assert_eq!(attributed(text, &[], &[("Nexalis", false)])[0], (Some("Nexalis".into()), "verb-after"));
        // The organisation the article is about, not the last one named.
        let text = "Le groupe Tessaly a acquis la start-up Vireo. Tessaly vise 2026. « La demande reste forte », précise le groupe.";
        let got = attributed(text, &[], &[("Tessaly", false), ("Vireo", false)]);
        assert_eq!(got[0], (Some("Tessaly".into()), "descriptive-mention"));
        // `le quotidien`: the last news outlet, not the company.
        let text = "Selon Le Parisien, Orbéa vend. « Le prix dépasse 2 milliards », précise le quotidien.";
        let got = attributed(text, &[], &[("Le Parisien", true), ("Orbéa", false)]);
        assert_eq!(got[0], (Some("Le Parisien".into()), "descriptive-mention"));
        // No organisation named: the capitalised name opening a sentence before.
        let text = "Quantalys a été victime d’une cyberattaque. « Aucune donnée n’a fuité », explique la société.";
        assert_eq!(attributed(text, &[], &[])[0], (Some("Quantalys".into()), "descriptive-mention"));
        // An organisation in a noun's complement is no subject.
        let text = "Des salariés de Datapult dénoncent « une gestion très opaque » des primes.";
        assert_eq!(attributed(text, &[], &[("Datapult", false)])[0].0, None);
    }

    #[test]
    fn a_speaker_away_from_the_verb_or_the_quote() {
        // Adverbials between the verb and the speaker; a role and its complement.
        let text = "« Nous doublerons nos effectifs », a indiqué à l'AFP le cofondateur d'Electrix, Paulin Bosc.";
        assert_eq!(speakers(text, &[("Paulin Bosc", M)]), [(Some("Paulin Bosc".into()), "verb-after")]);
        // The verb after a later comma of the sentence.
        let text = "« Le marché a doublé » en Europe, a précisé sa directrice Jeanne Vallier dans un entretien.";
        assert_eq!(speakers(text, &[("Jeanne Vallier", F)]), [(Some("Jeanne Vallier".into()), "verb-later")]);
        // A name no plugin found, after the verb.
        let text = "« Les puces sortiront en 2027 », prédit Léa K. Fontaine, chercheuse chez Photonéa.";
        assert_eq!(speakers(text, &[]), [(Some("Léa K. Fontaine".into()), "verb-after")]);
    }

    #[test]
    fn partial_quotes_take_the_subject_of_the_sentence() {
        let text = "Jeanne Vallier a souligné que le modèle tient dans un « format de poche ».";
        assert_eq!(speakers(text, &[("Jeanne Vallier", F)]), [(Some("Jeanne Vallier".into()), "estime-que")]);
        // A later quote of the sentence takes the earlier one's speaker.
        let text =
            "« Nous signons un record », s’est enthousiasmé Omar Haddad, soulignant que l’IA « change chaque métier ».";
        assert_eq!(speakers(text, &[("Omar Haddad", M)])[1].0.as_deref(), Some("Omar Haddad"));
        let text = "« Les amendes atteignent 1,4 milliard », indique l'Autorité, qui a examiné « un nombre record » de dossiers.";
        let got = attributed(text, &[], &[("Autorité", false)]);
        assert_eq!(got[1], (Some("Autorité".into()), "same-sentence"));
        // No verb of saying: the clause's subject, a description resolved.
        let text = "Tessaly publie ses comptes. Le groupe a augmenté ses prévisions, visant une croissance « à deux chiffres dès 2026 ».";
        let got = attributed(text, &[], &[("Tessaly", false)]);
        assert_eq!(got[0], (Some("Tessaly".into()), "clause-subject"));
    }

    #[test]
    fn a_pronoun_stands_for_the_subject_not_a_person_merely_named() {
        let text = "Paul Girard ne croit pas à la taxe, comme le craint le ministre Marc Roux, « contrairement aux autres », a-t-il expliqué.";
        let got = speakers(text, &[("Paul Girard", M), ("Marc Roux", M)]);
        assert_eq!(got[0].0.as_deref(), Some("Paul Girard"));
    }

    #[test]
    fn a_pronoun_after_selon_an_indefinite_source_and_a_role_before_the_name() {
        let text =
            "« Le cloud progresse », a déclaré Satya Nadella. Selon lui, l'IA est « une opportunité historique ».";
        assert_eq!(speakers(text, &[("Satya Nadella", M)])[1], (Some("Satya Nadella".into()), "selon"));
        let text = "\"Demand is staggering,\" chief executive Jensen Huang told analysts.";
        assert_eq!(speakers(text, &[("Jensen Huang", M)]), [(Some("Jensen Huang".into()), "verb-after")]);
        // An indefinite source names nobody, and carries nobody on.
        let text = "\"We grow,\" said Maria Lopez.\n\n\"We are not for sale,\" a spokesperson for the startup said.";
        assert_eq!(speakers(text, &[("Maria Lopez", F)])[1], (None, "indefinite"));
        // A term's apposition is no source: `une architecture qui confie`.
        let found = found("Elles passent au « data mesh », une architecture qui confie tout.", &[], &[]);
        assert_eq!((found[0].1, found[0].2), ("none", QuoteForm::Term));
        // After an anonymous quote, the paragraph before's speaker is not carried on.
        let text = "« Oui », dit Marc Roux.\n\nUn salarié décrit une culture « toxique ». D'autres évoquent des « primes opaques ».";
        assert_eq!(speakers(text, &[("Marc Roux", M)])[2].0, None);
    }

    #[test]
    fn a_headline_takes_the_person_the_next_paragraph_names() {
        let text = "« Nous ne vendrons pas » : le patron de Nexalis ferme la porte\n\nOmar Haddad, PDG de Nexalis, a rejeté l'offre.";
        assert_eq!(speakers(text, &[("Omar Haddad", M)]), [(Some("Omar Haddad".into()), "headline")]);
        // A word or two is no headline; a heading of a word neither.
        let text = "– « Paris » –\n\nOmar Haddad a parlé.";
        assert_eq!(speakers(text, &[("Omar Haddad", M)])[0].0, None);
    }

    const F: Option<Pronoun> = Some(Pronoun::Feminine);
    const M: Option<Pronoun> = Some(Pronoun::Masculine);

    #[test]
    fn verb_after_and_pronoun_by_gender() {
        let text = "Claire Dubreuil dirige le labo. Paul Girard l'a rejointe. « Nous avançons », souligne-t-elle.";
        assert_eq!(
            speakers(text, &[("Claire Dubreuil", F), ("Paul Girard", M)]),
            [(Some("Claire Dubreuil".into()), "pronoun-inversion")]
        );
        let text = "« Le cloud est une architecture », a déclaré le PDG, Marc Tellier.";
        assert_eq!(speakers(text, &[("Marc Tellier", M)]), [(Some("Marc Tellier".into()), "verb-after")]);
    }

    #[test]
    fn speaker_before_selon_and_attribution_line() {
        let text = "Selon Inès Carvalho, « le marché est saturé ».";
        assert_eq!(speakers(text, &[("Inès Carvalho", F)]), [(Some("Inès Carvalho".into()), "selon")]);
        let text = "Hugo Bertin a déclaré : « Nous partons. »";
        assert_eq!(speakers(text, &[("Hugo Bertin", M)]), [(Some("Hugo Bertin".into()), "speaker-before")]);
        let text = "Texte.\n« Le pari est risqué. »\n– Analyste anonyme, Bloomberg\nSuite.";
        assert_eq!(speakers(text, &[]), [(Some("Analyste anonyme".into()), "attribution-line")]);
    }

    #[test]
    fn a_pronoun_before_the_verb_names_the_last_person_of_its_gender() {
        let text = "« Le marché est mûr », estime Hélène Rousseau. Paul Girard approuve.\n\nElle a ajouté : « Nous investirons. »";
        let got = speakers(text, &[("Hélène Rousseau", F), ("Paul Girard", M)]);
        assert_eq!(got[1], (Some("Hélène Rousseau".into()), "pronoun-before"));
        let text = "\"It's a bubble,\" Michael Burry told Bloomberg. He added: \"Valuations are absurd.\"";
        let got = speakers(text, &[("Michael Burry", M)]);
        assert_eq!(got[1], (Some("Michael Burry".into()), "pronoun-before"));
        // Not the person named after the verb, before the quote.
        let text = "Marie Curie a parlé hier.\n\nElle a répondu à Lise Meitner : « Un travail remarquable. »";
        let got = speakers(text, &[("Marie Curie", F), ("Lise Meitner", F)]);
        assert_eq!(got, [(Some("Marie Curie".into()), "pronoun-before")]);
        // A subject that is no pronoun nor a person still names nobody.
        let text = "Un salarié décrit une ambiance « irrespirable ».";
        assert_eq!(speakers(text, &[]), [(None, "anonymous")]);
    }

    #[test]
    fn selon_a_description_names_nobody_rather_than_an_earlier_speaker() {
        // The analyst of an organisation named with nobody before.
        let text = "Marie Dupuis a déclaré : « Oui. »\n\nSelon l'analyste de Morgan Stanley, « c'est excessif ».";
        let at = text.find("Morgan").expect("in the text");
        let orgs = [OrgRef::known(at, at + "Morgan Stanley".len(), "Morgan Stanley", false)];
        let found = found(text, &persons(text, &[("Marie Dupuis", F)]), &orgs);
        assert_eq!((found[1].0.as_deref(), found[1].1), (None, "selon"));
        let text = "Marie Dupuis a déclaré : « Oui. »\n\n« C'est excessif », selon un analyste de Morgan Stanley.";
        assert_eq!(speakers(text, &[("Marie Dupuis", F)])[1], (None, "selon"));
    }

    #[test]
    fn a_capitalised_word_then_a_verb_names_the_speaker() {
        // A surname alone, which the people plugin does not know as a person.
        let text = "Texte.\n\n\"This is just the beginning,\" Altman wrote on X.";
        assert_eq!(speakers(text, &[]), [(Some("Altman".into()), "verb-after")]);
        let text = "« Nous investirons », Microsoft a déclaré hier.";
        assert_eq!(speakers(text, &[]), [(Some("Microsoft".into()), "verb-after")]);
        // A function word is no speaker; a word without a verb after it neither.
        assert_eq!(speakers("\"Fine,\" The end.", &[]), [(None, "none")]);
        assert_eq!(speakers("« Bien », Paris attend.", &[]), [(None, "none")]);
    }

    #[test]
    fn a_role_may_name_its_organisation() {
        let text = "Hélène Roux a parlé hier.\n\nD'après le PDG de Nvidia, Jensen Huang, « l'IA change tout ».";
        let people = persons(text, &[("Hélène Roux", F), ("Jensen Huang", M)]);
        let at = text.find("Nvidia").expect("Nvidia");
        let orgs = [OrgRef::known(at, at + "Nvidia".len(), "Nvidia", false)];
        let got: Vec<(Option<String>, &str)> =
            found(text, &people, &orgs).into_iter().map(|(speaker, rule, _)| (speaker, rule)).collect();
        assert_eq!(got, [(Some("Jensen Huang".into()), "selon")]);
        // An organisation standing alone before the person is the source.
        let text = "Selon Nvidia, Jensen Huang « ne vend rien ».";
        let at = text.find("Nvidia").expect("Nvidia");
        let orgs = [OrgRef::known(at, at + "Nvidia".len(), "Nvidia", false)];
        let found = found(text, &persons(text, &[("Jensen Huang", M)]), &orgs);
        assert_eq!((found[0].0.as_deref(), found[0].1), (Some("Nvidia"), "selon"));
    }

    #[test]
    fn overlapping_entities_from_other_plugins_are_read_as_the_longest() {
        // A second organisation plugin finds `Nvidia` inside `Nvidia France`,
        // and a second people plugin `Huang` inside `Jensen Huang`.
        let text = "D'après le PDG de Nvidia France, Jensen Huang, « l'IA change tout ».";
        let at = |word: &str| text.find(word).expect("in the text");
        let org = |start: usize, end: usize| Entity::new("organization", start..end, 0.9, ()).into_ffi("orgs");
        let person = |start: usize, end: usize| {
            let canonical = &text[start..end];
            let attrs = std::collections::BTreeMap::from([("canonical", canonical), ("gender", "m")]);
            Entity::new("person", start..end, 0.9, attrs).into_ffi("people")
        };
        let found = [
            org(at("Nvidia"), at("Nvidia") + "Nvidia France".len()),
            org(at("Nvidia"), at("Nvidia") + "Nvidia".len()),
            org(at("France"), at("France") + "France".len()),
            person(at("Huang"), at("Huang") + "Huang".len()),
            person(at("Jensen"), at("Jensen") + "Jensen Huang".len()),
        ];
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
        let quotes = Quotations::load().extract(&buf.document(), &found).expect("no panic, no error");
        assert_eq!(quotes.len(), 1);
        let speaker = quotes[0].attrs.get("speaker");
        assert_eq!(speaker.as_ref().and_then(|s| s.as_str()), Some("Jensen Huang"));
    }

    #[test]
    fn continuation_heading_and_nobody() {
        let text = "« Un », dit Omar Benjelloun.\n\n« Deux. »\n\n– « Titre » –\n\nUne « bulle » selon certains.";
        let got = speakers(text, &[("Omar Benjelloun", M)]);
        assert_eq!(got[0], (Some("Omar Benjelloun".into()), "verb-after"));
        assert_eq!(got[1], (Some("Omar Benjelloun".into()), "continuation"));
        assert_eq!(got[2], (None, "heading"));
        assert_eq!(got[3].0, None);
    }

    #[test]
    fn multibyte_text_around_cues_never_panics() {
        // `İ` lowercases to two chars; two no-break spaces after `according`.
        let text = "À İzmir, selon Élodie Martin, « Le marché est saturé ».";
        assert_eq!(speakers(text, &[("Élodie Martin", F)]), [(Some("Élodie Martin".into()), "selon")]);
        let text = "« Oui », according\u{a0}\u{a0}to Jean Dupont.";
        assert_eq!(speakers(text, &[("Jean Dupont", M)]), [(Some("Jean Dupont".into()), "selon")]);
    }

    #[test]
    fn no_verb_is_read_across_a_line_break() {
        let text = "« Nous avançons. »\n\nAnnonce Jean Dupont un plan.";
        assert_eq!(speakers(text, &[("Jean Dupont", M)]), [(None, "none")]);
    }

    #[test]
    fn terms_are_not_speech() {
        let found = found("Le rapport « IA : notre ambition » paraît. Un “aqui-hire” classique.", &[], &[]);
        assert_eq!(found.iter().map(|q| q.2).collect::<Vec<_>>(), [QuoteForm::Term, QuoteForm::Term]);
    }

    #[test]
    fn a_pronoun_looks_back_over_the_last_64_persons_only() {
        use crate::attribution::RECALL;
        // 63 men named after her: she is still in reach; 64 put her out of it.
        let men = |n: usize| (0..n).map(|i| format!("Paul Girard{i:02} est venu. ")).collect::<String>();
        let names: Vec<String> = (0..RECALL).map(|i| format!("Paul Girard{i:02}")).collect();
        let mut known: Vec<(&str, Option<Pronoun>)> = vec![("Claire Dubreuil", F)];
        known.extend(names.iter().map(|n| (n.as_str(), M)));
        let text = format!("Claire Dubreuil dirige le labo. {}« Nous avançons », souligne-t-elle.", men(RECALL - 1));
        assert_eq!(speakers(&text, &known), [(Some("Claire Dubreuil".into()), "pronoun-inversion")]);
        let text = format!("Claire Dubreuil dirige le labo. {}« Nous avançons », souligne-t-elle.", men(RECALL));
        assert_eq!(speakers(&text, &known), [(None, "none")]);
    }
}
