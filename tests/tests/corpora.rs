//! The plugins' golden files and cross-plugin corpora through the real
//! pipeline: the built plugin libraries, loaded and ordered by the host,
//! every entity checked by it — so what is tested is what users run.

use glaneur_schema::output::OutputEntity;
use glaneur_tests::{artifacts, pipeline};
use serde_json::Value;

fn extract(text: &str) -> Vec<OutputEntity> {
    let extraction = pipeline().extract(text);
    assert!(extraction.errors.is_empty(), "{:?}", extraction.errors);
    extraction.entities
}

fn data(relative: &str) -> Vec<Value> {
    glaneur_testdata::read_jsonl(&artifacts().root.join(relative))
}

/// Each seed's entities of `kind` equal the golden file's, by span and by
/// the attrs named in `keys`.
fn check_golden(kind: &str, golden: &str, keys: &[&str]) {
    let golden = data(golden);
    let mut fails = Vec::new();
    for (file, text) in glaneur_testdata::seeds() {
        let key = |start: u64, end: u64, attrs: &dyn Fn(&str) -> Value| {
            let values: Vec<String> = keys.iter().map(|k| attrs(k).to_string()).collect();
            format!("{start}..{end} {} {}", &text[start as usize..end as usize], values.join(" "))
        };
        let mut want: Vec<String> = golden
            .iter()
            .filter(|g| g["source"] == file.as_str())
            .map(|g| {
                let n = |k: &str| g[k].as_u64().expect("offset");
                key(n("start"), n("end"), &|k| g.get(k).cloned().unwrap_or(Value::Null))
            })
            .collect();
        let mut got: Vec<String> = extract(&text)
            .iter()
            .filter(|e| &*e.kind == kind)
            .map(|e| key(e.start, e.end, &|k| e.attrs.get(k).unwrap_or(Value::Null)))
            .collect();
        want.sort();
        got.sort();
        fails.extend(want.iter().filter(|w| !got.contains(w)).map(|w| format!("{file}: missed {w}")));
        fails.extend(got.iter().filter(|g| !want.contains(g)).map(|g| format!("{file}: unexpected {g}")));
    }
    assert!(fails.is_empty(), "{kind}: {} mismatches:\n{}", fails.len(), fails.join("\n"));
}

#[test]
fn seeds_money() {
    check_golden(
        "money",
        "plugins/money/tests/golden/seeds.jsonl",
        &["value", "max", "currency", "currency_inferred", "qualifier"],
    );
}

#[test]
fn seeds_organizations() {
    check_golden("organization", "plugins/organizations/tests/golden/seeds.jsonl", &["canonical"]);
}

#[test]
fn seeds_ai_models() {
    check_golden("ai_model", "plugins/ai-models/tests/golden/seeds.jsonl", &["canonical", "family", "vendor"]);
}

/// The AI-model corpus with vendors: those of unseen models come from the
/// organisations the organizations plugin found before (`requires`).
#[test]
fn ai_model_corpus_with_vendors_from_organisations() {
    let cases = data("plugins/ai-models/tests/corpus/fr.jsonl");
    let mut fails = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let fact =
            |t: &str, a: &dyn Fn(&str) -> Value| format!("{t} {} {} {}", a("canonical"), a("family"), a("vendor"));
        let want: Vec<String> = case["expected"]
            .as_array()
            .expect("expected")
            .iter()
            .map(|e| fact(e["text"].as_str().expect("text"), &|k| e[k].clone()))
            .collect();
        let got: Vec<String> = extract(text)
            .iter()
            .filter(|e| &*e.kind == "ai_model")
            .map(|e| fact(e.text_in(text), &|k| e.attrs.get(k).unwrap_or(Value::Null)))
            .collect();
        if want != got {
            fails.push(format!("{text}\n   expected {want:?}\n   found    {got:?}"));
        }
    }
    assert!(fails.is_empty(), "{} of {} cases fail:\n{}", fails.len(), cases.len(), fails.join("\n"));
}

#[test]
fn seeds_people() {
    check_golden("person", "plugins/people/tests/golden/seeds.jsonl", &["canonical"]);
}

#[test]
fn seeds_quotations() {
    check_golden(
        "quotation",
        "plugins/quotations/tests/golden/seeds.jsonl",
        &["content", "speaker", "form", "implicit"],
    );
}

/// The quotation corpora: passages of every attribution pattern, with the
/// people and organisations found by their plugins. `fr.jsonl` holds the
/// patterns of the first rules; `attribution.jsonl` (issue #18) the failure
/// classes seen on real news, with negatives. A passage marked `xfail` (with
/// the reason) is a known failure: it must still fail, so that a fix
/// removes the mark.
#[test]
fn quotation_corpus() {
    let mut fails = Vec::new();
    let mut fixed = Vec::new();
    let (mut passages, mut quotes) = (0, 0);
    for file in ["plugins/quotations/tests/corpus/fr.jsonl", "plugins/quotations/tests/corpus/attribution.jsonl"] {
        for case in &data(file) {
            let text = case["text"].as_str().expect("text");
            let fact = |t: &str, a: &dyn Fn(&str) -> Value| {
                let implicit = a("implicit").as_bool().unwrap_or(false);
                format!("{t} | {} | {} | implicit={implicit}", a("speaker"), a("form"))
            };
            let want: Vec<String> = case["expected"]
                .as_array()
                .expect("expected")
                .iter()
                .map(|e| fact(e["text"].as_str().expect("text"), &|k| e.get(k).cloned().unwrap_or(Value::Null)))
                .collect();
            passages += 1;
            quotes += want.len();
            let got: Vec<String> = extract(text)
                .iter()
                .filter(|e| &*e.kind == "quotation")
                .map(|e| fact(e.text_in(text), &|k| e.attrs.get(k).unwrap_or(Value::Null)))
                .collect();
            match (want == got, case.get("xfail")) {
                (false, None) => {
                    fails.push(format!("[{}]\n{text}\n   expected {want:#?}\n   found    {got:#?}", case["note"]))
                }
                (true, Some(reason)) => {
                    fixed.push(format!("[{}] passes now ({reason}): remove its xfail", case["note"]))
                }
                _ => {}
            }
        }
    }
    assert!(passages >= 250 && quotes >= 300, "{passages} passages, {quotes} quotes: a corpus went missing");
    assert!(fixed.is_empty(), "{}", fixed.join("\n"));
    assert!(fails.is_empty(), "{} of {passages} passages ({quotes} quotes) fail:\n{}", fails.len(), fails.join("\n"));
}
