//! The real `glaneur` binary with the real plugin files: discovery,
//! rejection, failure containment, inputs, encodings and output order.

use std::io::Write;
use std::process::Stdio;

use glaneur_tests::{artifacts, extract, glaneur, json_lines, seed_files, stderr};
use serde_json::Value;

fn plugins_json(args: &[&str]) -> Value {
    let output = glaneur().arg("plugins").arg("--json").args(args).output().expect("glaneur runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(&output)))
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().expect("array").iter().map(|p| p["name"].as_str().expect("name").to_owned()).collect()
}

fn dir(path: &std::path::Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn plugins_lists_the_shipped_plugins() {
    let listing = plugins_json(&[]);
    assert_eq!(
        names(&listing["plugins"]),
        ["ai-models", "money", "organizations", "people", "percentages", "quotations"]
    );
    assert_eq!(listing["rejected"], Value::Array(vec![]));
    let money = &listing["plugins"][1];
    assert_eq!(money["produces"], serde_json::json!(["money"]));
    assert_eq!(money["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn foreign_and_incompatible_libraries_are_rejected_with_reasons() {
    let listing = plugins_json(&["--plugins", dir(&artifacts().fixtures)]);
    assert_eq!(names(&listing["plugins"]), ["misbehaving"]);
    let rejected = listing["rejected"].as_array().expect("array");
    let reason = |file: &str| {
        rejected
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.contains(file)))
            .and_then(|r| r["reason"].as_str())
            .unwrap_or_else(|| panic!("{file} not rejected: {rejected:?}"))
            .to_owned()
    };
    let incompatible = reason("incompatible");
    assert!(incompatible.starts_with("incompatible plugin ABI"), "{incompatible}");
    assert!(incompatible.contains("glaneur-fixture-incompatible"), "{incompatible}");
    assert!(incompatible.contains("rebuild the plugin against glaneur-schema"), "{incompatible}");
    let old = reason("old_abi");
    assert!(
        old.starts_with(
            "incompatible plugin ABI: the plugin was built against glaneur-schema 0.1.0, \
             an older plugin interface than this glaneur's 0.3.0; rebuild it against glaneur-schema 0.3.0"
        ),
        "{old}"
    );
    assert_eq!(reason("not_a_plugin"), "not a glaneur plugin: the library exports no abi_stable root module");
}

#[test]
fn extract_skips_rejected_files_and_uses_the_rest() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(doc.path(), "un MARK ici").expect("write");
    let output = extract(&["--plugins", dir(&artifacts().fixtures), dir(doc.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines[0]["entities"][0]["text"], "MARK");
    assert_eq!(lines[0]["entities"][0]["extractor"], "misbehaving");
    assert!(stderr(&output).contains("rejected"), "{}", stderr(&output));
}

#[test]
fn a_panicking_plugin_fails_only_its_document() {
    let dir_ = tempfile::tempdir().expect("temp dir");
    for (name, text) in [("a.txt", "MARK à 5 %"), ("b.txt", "PANIC-NOW et 7 %"), ("c.txt", "MARK 9 %")] {
        std::fs::write(dir_.path().join(name), text).expect("write");
    }
    let output =
        extract(&["--plugins", dir(&artifacts().fixtures), "--plugins", dir(&artifacts().plugins), dir(dir_.path())]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["error"], "plugin misbehaving failed: plugin panicked: asked to panic");
    // The other plugins' entities are kept on the failed document.
    assert_eq!(lines[1]["entities"][0]["text"], "7 %");
    for ok in [&lines[0], &lines[2]] {
        assert!(ok.get("error").is_none(), "{ok}");
        assert_eq!(ok["entities"].as_array().expect("entities").len(), 2, "{ok}");
    }
}

#[test]
fn invalid_entities_become_errors_naming_the_plugin() {
    let docs = tempfile::tempdir().expect("temp dir");
    std::fs::write(docs.path().join("1.txt"), "BAD-SPAN MARK").expect("write");
    std::fs::write(docs.path().join("2.txt"), "BAD-KIND").expect("write");
    let output = extract(&["--plugins", dir(&artifacts().fixtures), dir(docs.path())]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let span_error = lines[0]["error"].as_str().expect("error");
    assert!(
        span_error.starts_with("plugin misbehaving returned an invalid entity: fixture_mark span 0..23"),
        "{span_error}"
    );
    assert_eq!(lines[0]["entities"][0]["text"], "MARK", "valid entities are kept");
    let kind_error = lines[1]["error"].as_str().expect("error");
    assert!(kind_error.contains("kind \"undeclared\" is not declared in its manifest"), "{kind_error}");
}

#[test]
fn seeds_a_png_and_a_missing_path() {
    let png = tempfile::Builder::new().suffix(".png").tempfile().expect("temp file");
    std::fs::write(png.path(), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").expect("write");
    let seeds = artifacts().root.join("seeds");
    let output = extract(&[dir(&seeds), dir(png.path()), "/no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 7);
    for line in &lines[..5] {
        assert!(line["entities"].is_array() && line.get("error").is_none(), "{line}");
    }
    assert!(lines[5]["error"].as_str().expect("error").starts_with("binary file (NUL byte at offset 8)"));
    assert_eq!(lines[6]["source"], "/no/such/file.txt");
    assert!(lines[6]["error"].as_str().expect("error").contains("No such file"));
}

#[test]
fn every_seed_gets_exactly_one_line_in_order() {
    let output = extract(&[dir(&artifacts().root.join("seeds"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let sources: Vec<String> =
        json_lines(&output).iter().map(|l| l["source"].as_str().expect("source").to_owned()).collect();
    let expected: Vec<String> = seed_files().iter().map(|p| dir(p).to_owned()).collect();
    assert_eq!(sources, expected);
}

#[test]
fn a_windows_1252_article_is_transcoded() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    // « L'État détient 49 % » in Windows-1252.
    std::fs::write(doc.path(), b"\xab L'\xc9tat d\xe9tient 49 % du capital \xbb, pr\xe9cise le minist\xe8re.")
        .expect("write");
    let output = extract(&["--only", "percentage", dir(doc.path())]);
    let line = &json_lines(&output)[0];
    assert_eq!(line["encoding"], "windows-1252");
    let entity = &line["entities"][0];
    assert_eq!(entity["text"], "49 %");
    // Offsets are into the UTF-8 text: « and É and é take two bytes each.
    // Offsets are into the UTF-8 text, where «, É and é take two bytes:
    // 2 + 3 (` L'`) + 2 + 5 (`tat d`) + 2 + 6 (`tient `).
    assert_eq!(entity["start"], 20);
}

#[test]
fn strict_utf8_reports_the_byte_offset() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(doc.path(), b"Le march\xe9").expect("write");
    let output = extract(&["--encoding", "utf-8", dir(doc.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output)[0]["error"], "invalid UTF-8 at byte offset 8");
}

#[test]
fn an_empty_file_is_a_document_with_no_entities() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    let output = extract(&[dir(doc.path())]);
    assert_eq!(output.status.code(), Some(0));
    let line = &json_lines(&output)[0];
    assert_eq!(line["bytes"], 0);
    assert_eq!(line["entities"], serde_json::json!([]));
}

#[test]
fn jsonl_input_survives_a_malformed_line() {
    let input = tempfile::NamedTempFile::new().expect("temp file");
    let records = "{\"id\": \"a\", \"text\": \"hausse de 3 %\"}\n{oops\n\n{\"text\": \"4 %\"}\n{\"id\": 9}\n";
    std::fs::write(input.path(), records).expect("write");
    let output = extract(&["--jsonl", dir(input.path()), "--only", "percentage"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let path = dir(input.path());
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().expect("source")).collect();
    assert_eq!(sources, ["a".to_owned(), format!("{path}:2"), format!("{path}:4"), "9".to_owned()]);
    assert_eq!(lines[0]["entities"][0]["text"], "3 %");
    assert!(lines[1]["error"].as_str().expect("error").starts_with("malformed JSONL line"));
    assert_eq!(lines[2]["entities"][0]["text"], "4 %");
    assert_eq!(lines[3]["error"], "JSONL record has no \"text\" string");
}

#[test]
fn output_keeps_input_order_with_two_jobs() {
    let input = tempfile::NamedTempFile::new().expect("temp file");
    let mut records = String::new();
    for i in 0..300 {
        // Uneven sizes, so that documents finish out of order.
        let text = "Le titre gagne 5 %. ".repeat(if i % 7 == 0 { 2000 } else { 1 });
        records.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        records.push('\n');
    }
    std::fs::write(input.path(), records).expect("write");
    let output = extract(&["--jsonl", dir(input.path()), "--jobs", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let ids: Vec<String> = json_lines(&output).iter().map(|l| l["source"].as_str().expect("id").to_owned()).collect();
    assert_eq!(ids, (0..300).map(|i| i.to_string()).collect::<Vec<_>>());
}

#[test]
fn html_offsets_point_into_the_original_file() {
    let page = tempfile::Builder::new().suffix(".html").tempfile().expect("temp file");
    let html = "<html><head><title>T</title><style>b{}</style></head><body><p>L'&Eacute;tat d&eacute;tient <b>49</b>&nbsp;% du capital.</p></body></html>";
    std::fs::write(page.path(), html).expect("write");
    let output = extract(&["--only", "percentage", dir(page.path())]);
    let entity = &json_lines(&output)[0]["entities"][0];
    let (start, end) =
        (entity["start"].as_u64().expect("start") as usize, entity["end"].as_u64().expect("end") as usize);
    assert_eq!(&html[start..end], "49</b>&nbsp;%");
    assert_eq!(entity["text"], "49</b>&nbsp;%");
    assert_eq!(entity["attrs"]["value"], 49);
}

#[test]
fn stdin_is_a_document() {
    let mut child = glaneur()
        .args(["extract", "--only", "percentage", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("glaneur runs");
    child.stdin.take().expect("stdin").write_all("Une baisse de 2,5 %".as_bytes()).expect("write");
    let output = child.wait_with_output().expect("glaneur ends");
    let line = &json_lines(&output)[0];
    assert_eq!(line["source"], "-");
    assert_eq!(line["entities"][0]["attrs"]["value"], 2.5);
}

#[test]
fn the_plugin_path_variable_is_honoured() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(doc.path(), "MARK").expect("write");
    let output = glaneur()
        .env("GLANEUR_PLUGIN_PATH", &artifacts().fixtures)
        .args(["extract", dir(doc.path())])
        .output()
        .expect("glaneur runs");
    assert_eq!(json_lines(&output)[0]["entities"][0]["extractor"], "misbehaving");
}

#[test]
fn plugin_configuration_reaches_the_plugin() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    let output = extract(&["--plugins", dir(&artifacts().fixtures), "--config", "misbehaving=refuse", dir(doc.path())]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("plugin misbehaving failed to start: configured to refuse to start"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let empty = tempfile::tempdir().expect("temp dir");
    let output = extract(&["--plugins", dir(empty.path()), "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no plugin found"), "{}", stderr(&output));

    let output = extract(&["--only", "weather", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no loaded plugin produces kind \"weather\""), "{}", stderr(&output));

    let output = extract(&[]);
    assert_eq!(output.status.code(), Some(2));
    let output = extract(&["--format", "yaml", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_and_table_formats() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(doc.path(), "hausse de 12 %").expect("write");
    let json = extract(&["--format", "json", "--only", "percentage", dir(doc.path())]);
    let parsed: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(parsed[0]["entities"][0]["text"], "12 %");
    let table = extract(&["--format", "table", "--only", "percentage", dir(doc.path())]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("10..14  percentage  12 %  value=12"), "{text}");
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let doc = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(doc.path(), "12 %").expect("write");
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let output = extract(&["-o", dir(out.path()), dir(doc.path())]);
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(out.path()).expect("read");
    assert_eq!(written.lines().count(), 1);
}

#[test]
fn summary_prints_the_aggregates_alone_whatever_the_format() {
    let seeds: Vec<String> = seed_files().iter().map(|p| dir(p).to_owned()).collect();
    for format in ["jsonl", "json", "html"] {
        let output =
            glaneur().args(["summary", "--jobs", "1", "--format", format]).args(&seeds).output().expect("glaneur runs");
        let summary: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("--format {format}: not one JSON object ({e}): {}", stderr(&output)));
        assert_eq!(summary["documents"], seeds.len(), "--format {format}");
    }
}
