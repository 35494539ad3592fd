//! The organisation corpora (tests/corpus/*.jsonl) and the seeds' hand-checked
//! mentions (tests/golden/seeds.jsonl), checked against the extractor.

use std::path::Path;

use glaneur_plugin_organizations::{Mention, Organizations};
use glaneur_schema::DocumentBuf;
use serde_json::Value;

fn read_jsonl(name: &str) -> Vec<Value> {
    glaneur_testdata::read_jsonl(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name))
}

/// (start, end, canonical) of every mention in `text`, read as the host
/// reads it.
fn mentions(orgs: &Organizations, text: &str) -> Vec<(usize, usize, String)> {
    let buf = DocumentBuf::new(text).expect("a test text fits");
    let found: Vec<Mention<'_>> = orgs.mentions(&buf.document());
    found.into_iter().map(|m| (m.start, m.end, m.canonical.to_owned())).collect()
}

/// (text, canonical) of every mention found.
fn found(orgs: &Organizations, text: &str) -> Vec<(String, String)> {
    mentions(orgs, text).into_iter().map(|(s, e, canonical)| (text[s..e].to_owned(), canonical)).collect()
}

fn expected(case: &Value) -> Vec<(String, String)> {
    case["expected"]
        .as_array()
        .expect("expected")
        .iter()
        .map(|e| (e["text"].as_str().expect("text").to_owned(), e["canonical"].as_str().expect("canonical").to_owned()))
        .collect()
}

/// Failures of a corpus: cases whose mentions differ.
fn failures(name: &str) -> (usize, Vec<String>) {
    let orgs = Organizations::load().expect("gazetteer loads");
    let cases = read_jsonl(name);
    let mut out = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let (want, got) = (expected(case), found(&orgs, text));
        if want != got {
            out.push(format!("{text}\n   expected {want:?}\n   found    {got:?}"));
        }
    }
    (cases.len(), out)
}

#[test]
fn negatives_have_no_organisation() {
    let (n, fails) = failures("corpus/negatives.jsonl");
    assert!(fails.is_empty(), "{} of {n} fail:\n{}", fails.len(), fails.join("\n"));
}

/// The rules for organisations the gazetteer lacks, on sentences naming
/// organisations absent from it (tests/corpus/unseen_fr.jsonl, including
/// sentences with no cue at all): recall over every expected mention, and
/// no mention that is not expected.
#[test]
fn unseen_organisations_recall_and_precision() {
    let orgs = Organizations::load().expect("gazetteer loads");
    let (mut expected_n, mut hit, mut unexpected) = (0, 0, Vec::new());
    let mut missed = Vec::new();
    for case in read_jsonl("corpus/unseen_fr.jsonl") {
        let text = case["text"].as_str().expect("text");
        let (want, got) = (expected(&case), found(&orgs, text));
        expected_n += want.len();
        for w in &want {
            if got.contains(w) {
                hit += 1;
            } else {
                missed.push(format!("{w:?} in {text}"));
            }
        }
        unexpected.extend(got.iter().filter(|g| !want.contains(g)).map(|g| format!("{g:?} in {text}")));
    }
    let recall = hit as f64 / expected_n as f64;
    println!("unseen organisations: recall {hit}/{expected_n} = {recall:.3}; missed: {missed:#?}");
    assert!(unexpected.is_empty(), "unexpected mentions: {unexpected:#?}");
    assert!(recall >= 0.93, "recall {recall:.3} below 0.93; missed: {missed:#?}");
}

#[test]
fn seeds_golden() {
    let orgs = Organizations::load().expect("gazetteer loads");
    let golden = read_jsonl("golden/seeds.jsonl");
    let mut fails = Vec::new();
    for (file, text) in glaneur_testdata::seeds() {
        let want: Vec<(usize, usize, String)> = golden
            .iter()
            .filter(|g| g["source"] == file.as_str())
            .map(|g| {
                let n = |k: &str| g[k].as_u64().expect("offset") as usize;
                (n("start"), n("end"), g["canonical"].as_str().expect("canonical").to_owned())
            })
            .collect();
        let got = mentions(&orgs, &text);
        for w in want.iter().filter(|w| !got.contains(w)) {
            fails.push(format!("{file}: missed {:?} {w:?}", &text[w.0..w.1]));
        }
        for g in got.iter().filter(|g| !want.contains(g)) {
            fails.push(format!("{file}: unexpected {:?} {g:?}", &text[g.0..g.1]));
        }
    }
    assert!(fails.is_empty(), "{} mismatches:\n{}", fails.len(), fails.join("\n"));
}
