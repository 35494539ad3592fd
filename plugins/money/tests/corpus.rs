//! The money corpora (tests/corpus/*.jsonl: sentences → expected amounts)
//! and the seeds' hand-checked amounts (tests/golden/seeds.jsonl), checked
//! against the extractor. Each test lists every mismatch before failing.

use std::path::Path;

use glaneur_plugin_money::Money;
use serde_json::Value;

/// What the tests compare for one amount.
#[derive(Debug, PartialEq)]
struct Fact {
    text: String,
    value: f64,
    max: Option<f64>,
    currency: Option<String>,
    inferred: bool,
    qualifier: Option<String>,
}

impl Fact {
    fn from_expected(e: &Value) -> Fact {
        Fact {
            text: e["text"].as_str().expect("text").to_owned(),
            value: e["value"].as_f64().expect("value"),
            max: e.get("max").and_then(Value::as_f64),
            currency: e["currency"].as_str().map(str::to_owned),
            inferred: e.get("currency_inferred").and_then(Value::as_bool).unwrap_or(false),
            qualifier: e.get("qualifier").and_then(Value::as_str).map(str::to_owned),
        }
    }
}

/// The money entities of `text`, read as the host reads it.
fn find(text: &str) -> Vec<glaneur_schema::Entity> {
    Money.find(&glaneur_schema::DocumentBuf::new(text).expect("a test text fits").document())
}

fn found(text: &str) -> Vec<Fact> {
    find(text)
        .iter()
        .map(|e| {
            let attrs = e.attrs.to_map();
            Fact {
                text: text[e.span.clone()].to_owned(),
                value: attrs["value"].as_f64().expect("value"),
                max: attrs.get("max").and_then(Value::as_f64),
                currency: attrs["currency"].as_str().map(str::to_owned),
                inferred: attrs["currency_inferred"].as_bool().expect("bool"),
                qualifier: attrs["qualifier"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

fn read_jsonl(name: &str) -> Vec<Value> {
    glaneur_testdata::read_jsonl(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name))
}

/// Checks every case of a corpus; panics listing the cases that fail.
fn check_corpus(name: &str) {
    let cases = read_jsonl(name);
    let mut failures = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let expected: Vec<Fact> =
            case["expected"].as_array().expect("expected").iter().map(Fact::from_expected).collect();
        let got = found(text);
        if got != expected {
            failures.push(format!("{text}\n   expected {expected:?}\n   found    {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{name}: {} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn french_sentences() {
    check_corpus("corpus/fr.jsonl");
}

#[test]
fn english_sentences() {
    check_corpus("corpus/en.jsonl");
}

/// Written apart from the rules, by someone who had not seen them or the
/// other corpora (see the README): a check that the grammar generalises.
#[test]
fn held_out_sentences() {
    check_corpus("corpus/heldout.jsonl");
}

#[test]
fn negatives_have_no_money() {
    check_corpus("corpus/negatives.jsonl");
}

#[test]
fn seeds_golden() {
    let golden = read_jsonl("golden/seeds.jsonl");
    let mut failures = Vec::new();
    for (file, text) in glaneur_testdata::seeds() {
        let expected: Vec<(usize, Fact)> = golden
            .iter()
            .filter(|g| g["source"] == file.as_str())
            .map(|g| (g["start"].as_u64().expect("start") as usize, Fact::from_expected(g)))
            .collect();
        let got: Vec<(usize, Fact)> = find(&text).iter().map(|e| e.span.start).zip(found(&text)).collect();
        for e in &expected {
            if !got.contains(e) {
                failures.push(format!("{file}: missed or wrong {e:?}"));
            }
        }
        for g in &got {
            if !expected.contains(g) {
                failures.push(format!("{file}: unexpected {g:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// The peers' own French money suites (tests/peers/, see its README): every
/// expected amount with a known currency is found (spans compared by
/// overlap, as the peers leave qualifiers out) with its value and max, and
/// nothing is found in a case that expects nothing.
fn check_peer(name: &str) -> (usize, Vec<String>) {
    let cases = read_jsonl(&format!("peers/{name}"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let id = case["peer_id"].as_str().unwrap_or("?");
        let expected = case["expected"].as_array().expect("expected");
        let got: Vec<(std::ops::Range<usize>, Fact)> =
            find(text).iter().map(|e| e.span.clone()).zip(found(text)).collect();
        if expected.is_empty() {
            checked += 1;
            if !got.is_empty() {
                failures.push(format!("{id}: {text:?}: expected nothing, found {:?}", got));
            }
            continue;
        }
        // An expected currency with no value (a bare `Dollar`) is no amount under SPEC.md.
        for e in expected.iter().filter(|e| e["currency"].is_string() && e["value"].is_number()) {
            checked += 1;
            let want = e["text"].as_str().expect("text");
            let Some(at) = text.find(want) else {
                failures.push(format!("{id}: expected text {want:?} is not in {text:?}"));
                continue;
            };
            let span = at..at + want.len();
            let hit = got.iter().find(|(g, _)| g.start < span.end && span.start < g.end);
            let ok = hit.is_some_and(|(_, f)| {
                f.value == e["value"].as_f64().expect("value")
                    && f.max == e.get("max").and_then(Value::as_f64)
                    && f.currency.as_deref() == e["currency"].as_str()
            });
            if !ok {
                failures.push(format!("{id}: {want:?} in {text:?}: found {:?}", hit.map(|h| &h.1)));
            }
        }
    }
    (checked, failures)
}

#[test]
fn peers_recognizers_and_duckling() {
    let mut report = Vec::new();
    for name in ["recognizers_fr_currency.jsonl", "duckling_fr_money.jsonl"] {
        let (checked, failures) = check_peer(name);
        if !failures.is_empty() {
            report.push(format!("{name}: {} of {checked} fail:\n{}", failures.len(), failures.join("\n")));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// English amounts of the world (issue #22): number words, sub-units,
/// symbols and codes either side, currency names, digits read without a
/// language cue, qualifiers and ranges, with negatives.
#[test]
fn english_world_sentences() {
    check_corpus("corpus/en_world.jsonl");
}
