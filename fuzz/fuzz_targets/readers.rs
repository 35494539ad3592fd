//! Fuzzes the host's readers: decoding bytes (encodings, BOMs, binary),
//! HTML text extraction with its offset map, JSON Lines records, and WARC
//! records (plain, and gzipped member by member).
#![no_main]
use glaneur::html::extract_text;
use glaneur::input::{decode, from_jsonl, Compression, EncodingMode, Skipped};
use glaneur::warc::Records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for mode in [EncodingMode::Auto, EncodingMode::Utf8] {
        let _ = decode(data.to_vec(), mode);
    }
    if let Ok(html) = std::str::from_utf8(data) {
        let view = extract_text(html);
        let len = view.text.len();
        let mut offsets: Vec<usize> = (0..=len).filter(|&i| view.text.is_char_boundary(i)).collect();
        offsets.truncate(64);
        for &i in &offsets {
            let (s, e) = (view.map_start(i), view.map_end(i));
            assert!(s <= html.len() && e <= html.len(), "{i} maps outside");
            assert!(html.is_char_boundary(s) && html.is_char_boundary(e), "{i} maps off a char boundary");
        }
    }
    // WARC: every record gives a document, an error or a skip, never a
    // panic, and reading ends (a hang is the fuzzer's timeout).
    for compression in [Compression::None, Compression::Gzip] {
        let source = Box::new(std::io::Cursor::new(data.to_vec()));
        let records = Records::new("f.warc".into(), source, compression, 1 << 20, Skipped::default());
        for record in records {
            let _ = record.source;
        }
    }
    // JSON Lines: every line gives a record or an error, never a panic.
    let dir = std::env::temp_dir().join(format!("glaneur-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.jsonl");
    if std::fs::write(&path, data).is_ok() {
        for record in from_jsonl(&path, 1 << 20) {
            let _ = record.source;
        }
    }
});
