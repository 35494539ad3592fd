//! What a scraper may feed us: each input finishes (with entities or a
//! clear error), every span is a slice of the document, and the run goes on
//! to the next document. Run on the release build (tens of megabytes); a
//! quadratic extractor shows here as a test nextest kills (.config/nextest.toml).

use glaneur_tests::{glaneur_of, json_lines, release_artifacts, stderr};
use serde_json::Value;

/// Runs the release binary with every plugin on `docs` (file name, bytes;
/// named in the order they sort, as a directory is read), written in a
/// temporary directory, and returns each document's line.
fn run(docs: &[(&str, Vec<u8>)]) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in docs {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let output = glaneur_of(release_artifacts()).arg("extract").arg(dir.path()).output().expect("glaneur runs");
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), docs.len(), "one line per document");
    for (line, (name, bytes)) in lines.iter().zip(docs) {
        assert!(line["source"].as_str().is_some_and(|s| s.ends_with(name)));
        check_spans(line, bytes);
    }
    lines
}

/// Every entity's span is a slice of the document, on char boundaries.
fn check_spans(line: &Value, bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    for e in line["entities"].as_array().into_iter().flatten() {
        let (s, t) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        assert!(text.is_char_boundary(s) && text.is_char_boundary(t), "{e}");
        assert_eq!(&text[s..t], e["text"].as_str().expect("text"));
    }
}

/// A small ordinary document, run after each pathological one.
fn ordinary() -> (&'static str, Vec<u8>) {
    ("zz_after.txt", "Microsoft a investi 10 milliards de dollars dans OpenAI.".as_bytes().to_vec())
}

/// The ordinary document still gets its entities.
fn assert_ordinary(line: &Value) {
    let kinds: Vec<&str> =
        line["entities"].as_array().expect("entities").iter().map(|e| e["kind"].as_str().expect("kind")).collect();
    assert!(kinds.contains(&"money") && kinds.contains(&"organization"), "{line}");
}

fn seeds_text() -> String {
    glaneur_testdata::seeds().into_iter().map(|(_, text)| text).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn a_50_mb_single_document() {
    let seeds = seeds_text();
    let mut big = String::with_capacity(51 << 20);
    while big.len() < 50 << 20 {
        big.push_str(&seeds);
        big.push_str("\n\n");
    }
    let lines = run(&[("big.txt", big.into_bytes()), ordinary()]);
    assert!(lines[0]["entities"].as_array().expect("entities").len() > 100_000);
    assert_ordinary(&lines[1]);
}

#[test]
fn a_1_mb_line_without_spaces() {
    let line = "abcdefghij0123456789€$%«»".repeat(1 << 20 >> 5).into_bytes();
    let lines = run(&[("line.txt", line), ordinary()]);
    assert_ordinary(&lines[1]);
}

#[test]
fn a_100_000_quotation_marks() {
    let marks = "« ".repeat(100_000) + &"“ \" ".repeat(50_000);
    let lines =
        run(&[("a_marks.txt", marks.into_bytes()), ("b_close.txt", " » ".repeat(100_000).into_bytes()), ordinary()]);
    assert_eq!(lines[0]["entities"], serde_json::json!([]), "unclosed marks give nothing");
    assert_ordinary(&lines[2]);
}

#[test]
fn deeply_repeated_opening_guillemets_in_one_paragraph() {
    let text = "Il dit « « « « ".repeat(20_000) + "« fin » et rien.";
    let lines = run(&[("nested.txt", text.into_bytes()), ordinary()]);
    let quotes: Vec<&Value> =
        lines[0]["entities"].as_array().expect("entities").iter().filter(|e| e["kind"] == "quotation").collect();
    assert_eq!(quotes.len(), 1, "only the balanced « fin » is a quotation");
    assert_ordinary(&lines[1]);
}

#[test]
fn digits_only() {
    let digits = "0123456789".repeat(100_000) + " " + &"1 2 3 4 5 6 7 8 9 ".repeat(20_000);
    let lines = run(&[("digits.txt", digits.into_bytes()), ordinary()]);
    assert_ordinary(&lines[1]);
}

#[test]
fn mixed_scripts_and_emoji() {
    let text = "Microsoft 🤖 a investi 10 milliards de dollars 💶 — 微软投资了100亿美元 — Майкрософт — مايكروسوفت — « 🚀 OpenAI » ".repeat(10_000);
    let lines = run(&[("mixed.txt", text.into_bytes()), ordinary()]);
    let money = lines[0]["entities"].as_array().expect("entities").iter().filter(|e| e["kind"] == "money").count();
    assert_eq!(money, 10_000);
}

#[test]
fn nul_bytes_are_a_clear_error() {
    let mut bytes = b"Microsoft a investi 10 milliards de dollars.".to_vec();
    bytes.extend([0, 0, 0]);
    let lines = run(&[("nul.txt", bytes), ordinary()]);
    assert!(lines[0]["error"].as_str().expect("error").starts_with("binary file (NUL byte at offset 44)"));
    assert_ordinary(&lines[1]);
}

#[test]
fn crlf_and_cr_line_ends() {
    let crlf =
        "Microsoft a investi 10 milliards de dollars.\r\n\r\n« Nous avançons », dit Satya Nadella.\r\n".repeat(1000);
    let cr = crlf.replace("\r\n", "\r");
    let lines = run(&[("a_crlf.txt", crlf.into_bytes()), ("b_cr.txt", cr.into_bytes()), ordinary()]);
    for line in &lines[..2] {
        let quotes = line["entities"].as_array().expect("entities").iter().filter(|e| e["kind"] == "quotation").count();
        assert_eq!(quotes, 1000, "{}", &line["source"]);
    }
    assert_ordinary(&lines[2]);
}

#[test]
fn many_distinct_names_and_amounts_in_one_paragraph() {
    // Thousands of people, organisations and bare amounts with no paragraph
    // break: what makes per-mention scans of the document quadratic.
    let mut text = String::from("Microsoft a investi 10 milliards de dollars. ");
    for i in 0..20_000 {
        text.push_str(&format!("Jean Dupont{i} de la start-up Lumiora{i} a levé {} millions, ", i % 900 + 1));
    }
    let lines = run(&[("dense.txt", text.into_bytes()), ordinary()]);
    assert!(lines[0]["entities"].as_array().expect("entities").len() > 20_000);
    assert_ordinary(&lines[1]);
}
