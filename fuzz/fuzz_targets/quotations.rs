//! Fuzzes the quotations plugin: the marks and every attribution rule, with
//! a person at every capitalised pair of words (so the speaker rules run).
#![no_main]
use std::sync::LazyLock;

use glaneur_plugin_quotations::attribution::PersonRef;
use glaneur_plugin_quotations::Quotations;
use libfuzzer_sys::fuzz_target;

static PLUGIN: LazyLock<Quotations> = LazyLock::new(Quotations::load);

fuzz_target!(|data: &[u8]| {
    let Some(text) = glaneur_fuzz::text(data) else { return };
    let mut persons = Vec::new();
    let mut words = text.char_indices().filter(|(i, c)| c.is_uppercase() && !text[..*i].ends_with(char::is_alphanumeric));
    while let Some((start, _)) = words.next() {
        let end = text[start..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |e| start + e);
        persons.push(PersonRef { start, end, canonical: text[start..end].to_owned(), gender: None });
    }
    persons.dedup_by_key(|p| p.start);
    persons.retain(|p| p.start < p.end);
    for q in PLUGIN.find(text, &persons, &[]) {
        assert!(q.start < q.end && q.end <= text.len() && text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert!(text[q.start..q.end].contains(q.content.as_str()), "content outside its marks");
    }
});
