//! Fuzzes the money plugin's extraction.
#![no_main]
use glaneur_plugin_money::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a fuzz input fits");
        glaneur_fuzz::check(text, &Money.find(&buf.document()));
    }
});
