//! Fuzzes the percentages plugin's extraction.
#![no_main]
use glaneur_plugin_percentages::Percentages;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = glaneur_fuzz::text(data) {
        glaneur_fuzz::check(text, &Percentages.find(text));
    }
});
