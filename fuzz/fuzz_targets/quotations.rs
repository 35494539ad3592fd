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
    let persons: Vec<PersonRef> = glaneur_fuzz::capitalised_words(text)
        .map(|(start, end)| PersonRef { start, end, canonical: text[start..end].into(), gender: None })
        .collect();
    let Ok(buf) = glaneur_schema::DocumentBuf::new(text) else { return };
    for q in PLUGIN.find(&buf.document(), &persons, &[]) {
        glaneur_fuzz::check_span(text, q.start, q.end);
        assert!(text[q.start..q.end].contains(q.content), "content outside its marks");
    }
});
