//! Fuzzes the ai-models plugin's extraction (with no organisations found
//! before, and with every capitalised word taken for one).
#![no_main]
use std::sync::LazyLock;

use glaneur_plugin_ai_models::{AiModels, Found, OrgName};
use libfuzzer_sys::fuzz_target;

static PLUGIN: LazyLock<AiModels> = LazyLock::new(|| AiModels::load().expect("the catalogue loads"));

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a fuzz input fits");
        let doc = buf.document();
        glaneur_fuzz::check(text, &PLUGIN.find(&doc, &[]));
        let orgs: Vec<Found> = glaneur_fuzz::capitalised_words(text).map(|(start, end)| Found { start, end, canonical: OrgName::Known(&text[start..end]) }).collect();
        glaneur_fuzz::check(text, &PLUGIN.find(&doc, &orgs));
    }
});
