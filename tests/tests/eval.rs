//! `glaneur eval` through the real binary: the figures of a hand-made
//! output against a hand-made gold (tests/fixtures/eval, whose README
//! works them out), the error list, JSON, `--require`'s exit codes, and
//! extraction from the inputs scored the same as its output read back.

use std::path::PathBuf;
use std::process::Output;

use glaneur_tests::{artifacts, glaneur, stderr};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path: PathBuf = artifacts().root.join("tests").join("fixtures").join("eval").join(name);
    path.to_str().expect("UTF-8 path").to_owned()
}

fn eval(args: &[&str]) -> Output {
    glaneur().arg("eval").args(args).output().expect("glaneur runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `eval GOLD --system SYSTEM ARGS` on the fixture.
fn eval_fixture(args: &[&str]) -> Output {
    let (gold, system) = (fixture("gold.jsonl"), fixture("system.jsonl"));
    let mut all = vec![gold.as_str(), "--system", system.as_str()];
    all.extend_from_slice(args);
    eval(&all)
}

const TABLE: &str = "\
kind          gold  sys        lenient P/R/F1  strict F1           full P/R/F1
money            3    3  1.00/1.00/1.000      0.333  1.00/1.00/1.000
organization     6    5  0.80/0.67/0.727      0.545  0.40/0.33/0.364
quotation        2    2  1.00/1.00/1.000      1.000  0.50/0.50/0.500
ai_model         2    2  1.00/1.00/1.000      0.500  0.50/0.50/0.500
person           2    2  1.00/1.00/1.000      1.000  1.00/1.00/1.000
";

#[test]
fn the_table_has_the_figures_worked_out_by_hand() {
    let output = eval_fixture(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The gold's kinds, percentage (the system's alone) not among them.
    assert_eq!(stdout(&output), TABLE);
    let err = stderr(&output);
    assert!(
        err.contains("1 of 3 gold documents are not in the output, their entities count as misses: c.txt"),
        "{err}"
    );
    assert!(err.contains("b.txt: document error: plugin quotations failed: boom"), "{err}");
}

#[test]
fn errors_lists_misses_spurious_entities_and_attributes() {
    let output = eval_fixture(&["--errors"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = format!(
        "{TABLE}{}",
        r#"  a.txt: MISS organization: "Bpifrance"
  a.txt: SPURIOUS organization: "Mensch"
  b.txt: document error: plugin quotations failed: boom
  c.txt: MISS organization: "OpenAI"
  a.txt: ATTR organization "General Catalyst": gold {"canonical":"General Catalyst"} vs sys {"canonical":"General Catalyst Partners"}
  a.txt: ATTR ai_model "Mistral Large 2": gold {"canonical":"Mistral Large 2","family":"Mistral","vendor":"Mistral AI"} vs sys {"canonical":"Mistral Large","family":"Mistral"}
  b.txt: ATTR organization "Wedbush Securities": gold {"canonical":"Wedbush Securities"} vs sys {"canonical":"Wedbush"}
  b.txt: ATTR quotation "« C’est le début d’une ère nouvelle »": gold {"content":"C’est le début d’une ère nouvelle","speaker":"Jensen Huang"} vs sys {"content":"C’est le début d’une ère nouvelle","speaker":null}
"#
    );
    assert_eq!(stdout(&output), expected);
    // Listed once: not on stderr as well.
    assert!(!stderr(&output).contains("document error"), "{}", stderr(&output));
}

#[test]
fn json_and_kinds_asked_for() {
    let output = eval_fixture(&["--json", "--kinds", "percentage,organization"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let figures: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(
        figures,
        serde_json::json!({
            "percentage": {"gold": 0, "sys": 1, "lenient_p": 0.0, "lenient_r": 1.0, "lenient_f1": 0.0,
                "strict_p": 0.0, "strict_r": 1.0, "strict_f1": 0.0, "full_p": 0.0, "full_r": 1.0, "full_f1": 0.0},
            "organization": {"gold": 6, "sys": 5, "lenient_p": 0.8, "lenient_r": 0.667, "lenient_f1": 0.727,
                "strict_p": 0.6, "strict_r": 0.5, "strict_f1": 0.545, "full_p": 0.4, "full_r": 0.333, "full_f1": 0.364},
        })
    );
    let keys: Vec<&String> = figures.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["percentage", "organization"], "in the order asked");
}

#[test]
fn require_exits_1_below_the_bar_and_2_when_malformed() {
    let output = eval_fixture(&["--require", "quotation:lenient_f1>=1", "--require", "organization:full_f1>=0.3"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), TABLE);

    let output = eval_fixture(&["--require", "organization:full_f1>=0.5", "--require", "money:strict_f1>=0.3"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("\nbelow bar: organization full_f1 0.364 < 0.5\n"), "{}", stdout(&output));

    let output = eval_fixture(&["--require", "organization:full_f1>=0.5", "--require", "ai_model:full_p>=0.75"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).ends_with("\nbelow bar: organization full_f1 0.364 < 0.5; ai_model full_p 0.500 < 0.75\n"),
        "{}",
        stdout(&output)
    );

    for (bad, message) in [
        ("organization:f1>=0.5", "unknown metric \"f1\""),
        ("organization:full_f1>0.5", "no '>='"),
        ("percentage:full_f1>=0.5", "kind \"percentage\", which is not scored"),
    ] {
        let output = eval_fixture(&["--require", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(stderr(&output).contains(message), "{bad}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{bad}");
    }
}

#[test]
fn malformed_files_are_errors_with_their_line() {
    let gold = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(
        gold.path(),
        "{\"source\": \"a.txt\", \"entities\": []}\n{\"source\": \"b.txt\", \"entities\": [{\"kind\": \"money\"}]}\n",
    )
    .expect("write");
    let path = gold.path().to_str().expect("UTF-8 path");
    let output = eval(&[path, "--system", &fixture("system.jsonl")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&format!("{path}:2: entity 0: no \"start\"")), "{}", stderr(&output));

    let output = eval(&[&fixture("gold.jsonl"), "--system", "/no/such/output.jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read /no/such/output.jsonl"), "{}", stderr(&output));

    let output = eval(&[&fixture("gold.jsonl")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nothing to score"), "{}", stderr(&output));
    let output = eval(&[&fixture("gold.jsonl"), "--system", &fixture("system.jsonl"), &fixture("texts")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not both"), "{}", stderr(&output));
}

#[test]
fn extracting_from_the_inputs_scores_what_extract_writes() {
    // Whatever the plugins find in the texts, `eval GOLD PATHS` must score
    // exactly the output `extract PATHS` writes; the gold column is the
    // gold's alone.
    let texts = fixture("texts");
    let direct = eval(&[&fixture("gold.jsonl"), "--jobs", "1", "--errors", &texts]);
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    let written = tempfile::NamedTempFile::new().expect("temp file");
    let out = written.path().to_str().expect("UTF-8 path");
    let extracted = glaneur().args(["extract", "--jobs", "1", "-o", out, &texts]).output().expect("glaneur runs");
    assert_eq!(extracted.status.code(), Some(0), "{}", stderr(&extracted));
    let read_back = eval(&[&fixture("gold.jsonl"), "--errors", "--system", out]);
    assert_eq!(stdout(&direct), stdout(&read_back));

    let table = stdout(&direct);
    let gold_column: Vec<(&str, &str)> = table
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("  "))
        .map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            (fields[0], fields[1])
        })
        .collect();
    assert_eq!(
        gold_column,
        [("money", "3"), ("organization", "6"), ("quotation", "2"), ("ai_model", "2"), ("person", "2")]
    );
    assert!(table.contains("  c.txt: MISS organization: \"OpenAI\"\n"), "{table}");
    assert!(stderr(&direct).contains("1 of 3 gold documents are not in the output"), "{}", stderr(&direct));

    // The plugin options are extract's: here, a plugin directory with only the fixture plugins.
    let output = eval(&[&fixture("gold.jsonl"), "--plugins", &artifacts().fixtures.to_string_lossy(), &texts]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("\nmoney            3    0  0.00/0.00/0.000"), "{}", stdout(&output));

    let output = eval(&[&fixture("gold.jsonl"), "--require", "money:gold>=4", &texts]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).ends_with("below bar: money gold 3.000 < 4.0\n"), "{}", stdout(&output));
}
