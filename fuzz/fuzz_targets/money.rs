//! Fuzzes the money plugin's extraction.
#![no_main]
use glaneur_plugin_money::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        glaneur_fuzz::check(text, &Money.find(text));
    }
});
