//! Fuzzes the people plugin's extraction.
#![no_main]
use std::sync::LazyLock;

use glaneur_plugin_people::People;
use libfuzzer_sys::fuzz_target;

static PLUGIN: LazyLock<People> = LazyLock::new(People::load);

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a fuzz input fits");
        let people = PLUGIN.find(&buf.document(), &[]);
        for p in &people {
            glaneur_fuzz::check_span(text, p.start, p.end);
            assert_eq!(&text[p.start..p.end], p.name);
        }
    }
});
