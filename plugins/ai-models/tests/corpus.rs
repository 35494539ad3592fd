//! The AI-model corpus (tests/corpus/fr.jsonl: sentences → expected
//! mentions, negatives included) and the seeds' hand-checked mentions.
//!
//! Here the plugin runs alone, with no organisations found before it, so
//! vendors are compared only for catalogued families; the workspace test
//! `tests/tests/corpora.rs` runs the same data through the real pipeline,
//! where the organizations plugin supplies the vendors of unseen models.

use std::path::Path;

use glaneur_plugin_ai_models::AiModels;
use serde_json::Value;

type Fact = (String, String, Option<String>, Option<String>);

fn read_jsonl(name: &str) -> Vec<Value> {
    glaneur_testdata::read_jsonl(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name))
}

/// (text, canonical, family, vendor) of every mention, with offsets; the
/// vendor only when the catalogue gave it.
fn found(models: &AiModels, text: &str) -> Vec<(usize, Fact)> {
    models
        .mentions(&glaneur_schema::DocumentBuf::new(text).expect("a test text fits").document(), &[])
        .into_iter()
        .map(|m| {
            let vendor = if m.rule.starts_with("catalogue") { m.vendor } else { None };
            let family = m.family.map(str::to_owned);
            (
                m.start,
                (
                    text[m.start..m.end].to_owned(),
                    m.canonical.into_owned(),
                    family,
                    vendor.map(std::borrow::Cow::into_owned),
                ),
            )
        })
        .collect()
}

/// The expected fact; `catalogued` says whether its family is in the
/// catalogue (else its vendor comes from the pipeline and is not compared).
fn fact(e: &Value, models: &AiModels) -> Fact {
    let s = |k: &str| e[k].as_str().map(str::to_owned);
    let family = s("family");
    let catalogued = family.as_deref().is_some_and(|f| models.is_catalogued(f));
    (s("text").expect("text"), s("canonical").expect("canonical"), family, if catalogued { s("vendor") } else { None })
}

#[test]
fn french_sentences_and_negatives() {
    let models = AiModels::load().expect("loads");
    let cases = read_jsonl("corpus/fr.jsonl");
    let mut fails = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let want: Vec<Fact> = case["expected"].as_array().expect("expected").iter().map(|e| fact(e, &models)).collect();
        let got: Vec<Fact> = found(&models, text).into_iter().map(|(_, f)| f).collect();
        if want != got {
            fails.push(format!("{text}\n   expected {want:?}\n   found    {got:?}"));
        }
    }
    assert!(fails.is_empty(), "{} of {} cases fail:\n{}", fails.len(), cases.len(), fails.join("\n"));
}

#[test]
fn seeds_golden() {
    let models = AiModels::load().expect("loads");
    let golden = read_jsonl("golden/seeds.jsonl");
    let mut fails = Vec::new();
    for (file, text) in glaneur_testdata::seeds() {
        let want: Vec<(usize, Fact)> = golden
            .iter()
            .filter(|g| g["source"] == file.as_str())
            .map(|g| (g["start"].as_u64().expect("start") as usize, fact(g, &models)))
            .collect();
        let got = found(&models, &text);
        fails.extend(want.iter().filter(|w| !got.contains(w)).map(|w| format!("{file}: missed {w:?}")));
        fails.extend(got.iter().filter(|g| !want.contains(g)).map(|g| format!("{file}: unexpected {g:?}")));
    }
    assert!(fails.is_empty(), "{} mismatches:\n{}", fails.len(), fails.join("\n"));
}

#[test]
fn h100_is_never_a_model() {
    let models = AiModels::load().expect("loads");
    for text in [
        "Microsoft a entraîné le modèle sur 15 000 GPU NVIDIA H100.",
        "Le modèle H100 de Nvidia reste la référence, devant le H200.",
        "Nvidia vend ses H100, B200 et GB200 par centaines de milliers.",
    ] {
        let got = found(&models, text);
        assert!(got.iter().all(|(_, f)| !f.0.contains("H100") && !f.0.contains("H200")), "{text}: {got:?}");
    }
}
