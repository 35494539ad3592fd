//! Fuzzes the organizations plugin's extraction.
#![no_main]
use std::sync::LazyLock;

use glaneur_plugin_organizations::Organizations;
use libfuzzer_sys::fuzz_target;

static PLUGIN: LazyLock<Organizations> = LazyLock::new(|| Organizations::load().expect("the gazetteer loads"));

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a fuzz input fits");
        glaneur_fuzz::check(text, &PLUGIN.find(&buf.document()));
    }
});
