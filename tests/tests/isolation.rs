//! Plugins run in worker processes (issue #19): a plugin that aborts,
//! crashes, hangs or allocates without end costs its document, named in its
//! error line, and the run carries on; Ctrl-C writes what is done and exits
//! 130; `--resume` carries an interrupted run on.

use std::process::{Command, Stdio};
use std::time::Duration;

use glaneur_tests::{artifacts, extract, glaneur, json_lines, stderr};
use serde_json::Value;

fn dir(path: &std::path::Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// A folder of documents, in name order.
fn documents(docs: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temp dir");
    for (name, text) in docs {
        std::fs::write(folder.path().join(name), text).expect("write");
    }
    folder
}

#[test]
fn an_abort_a_crash_a_hang_and_a_runaway_allocation_cost_one_document_each() {
    let folder = documents(&[
        ("1.txt", "un MARK"),
        ("2.txt", "ABORT-NOW"),
        ("3.txt", "deux MARK"),
        ("4.txt", "SEGV-NOW"),
        ("5.txt", "trois MARK"),
        ("6.txt", "LOOP-NOW"),
        ("7.txt", "ALLOC-NOW"),
        ("8.txt", "quatre MARK"),
    ]);
    let fixtures = &artifacts().fixtures;
    let output = extract(&[
        "--plugins",
        dir(fixtures),
        "--timeout",
        "2",
        "--max-memory",
        "1024",
        "--jobs",
        "2",
        dir(folder.path()),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let lines = json_lines(&output);
    let sources: Vec<&str> = lines.iter().map(|l| l["source"].as_str().expect("source")).collect();
    assert_eq!(sources.len(), 8, "one line per document, in order: {sources:?}");
    assert!(sources.iter().zip(1..).all(|(s, n)| s.ends_with(&format!("{n}.txt"))), "{sources:?}");
    let error = |n: usize| lines[n]["error"].as_str().unwrap_or("").to_owned();
    assert_eq!(error(1), "plugin misbehaving crashed: signal SIGABRT");
    assert_eq!(error(3), "plugin misbehaving crashed: signal SIGSEGV");
    assert!(error(5).starts_with("plugin misbehaving timed out after 2 s"), "{}", error(5));
    assert_eq!(error(6), "plugin misbehaving crashed: out of memory (the worker's limit is 1024 MB)");
    for ok in [0, 2, 4, 7] {
        assert!(lines[ok].get("error").is_none(), "{}", lines[ok]);
        assert_eq!(lines[ok]["entities"][0]["text"], "MARK", "{}", lines[ok]);
    }
}

#[test]
fn in_process_keeps_the_plugins_in_the_host() {
    let folder = documents(&[("a.txt", "un MARK"), ("b.txt", "PANIC-NOW")]);
    let output = extract(&["--plugins", dir(&artifacts().fixtures), "--in-process", dir(folder.path())]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines[0]["entities"][0]["text"], "MARK");
    assert_eq!(lines[1]["error"], "plugin misbehaving failed: plugin panicked: asked to panic");
}

/// The lines of `path`, each parsed (a torn line fails the test).
fn lines_of(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("the output file")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("a torn or invalid line ({e}): {line}")))
        .collect()
}

#[test]
fn resume_skips_what_is_there_drops_a_torn_line_and_appends_the_rest() {
    let texts: Vec<(String, String)> = (0..6).map(|i| (format!("{i}.txt"), format!("doc {i} MARK"))).collect();
    let docs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let folder = documents(&docs);
    let out = tempfile::tempdir().expect("temp dir");
    let full = out.path().join("full.jsonl");
    let plugins = dir(&artifacts().fixtures);
    let run = |args: &[&str]| extract(&[&["--plugins", plugins, dir(folder.path())][..], args].concat());
    assert_eq!(run(&["-o", dir(&full)]).status.code(), Some(0));
    // An interrupted run: two whole lines, then half of the third.
    let text = std::fs::read_to_string(&full).expect("read");
    let cut: usize = text.lines().take(2).map(|l| l.len() + 1).sum::<usize>() + 10;
    let partial = out.path().join("partial.jsonl");
    std::fs::write(&partial, &text[..cut]).expect("write");
    let resumed = run(&["-o", dir(&partial), "--resume"]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert!(stderr(&resumed).contains("2 documents already there"), "{}", stderr(&resumed));
    let mut got: Vec<String> = lines_of(&partial).iter().map(Value::to_string).collect();
    let mut want: Vec<String> = lines_of(&full).iter().map(Value::to_string).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "every document once, none torn");
}

#[test]
fn ctrl_c_writes_what_is_done_and_exits_130() {
    // The third document hangs: the run is still going when SIGINT comes.
    let folder = documents(&[("1.txt", "un MARK"), ("2.txt", "deux MARK"), ("3.txt", "LOOP-NOW"), ("4.txt", "MARK")]);
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let child = glaneur()
        .args(["extract", "--plugins", dir(&artifacts().fixtures), "--jobs", "1", "--timeout", "20"])
        .args(["-o", dir(out.path()), dir(folder.path())])
        .stderr(Stdio::piped())
        .spawn()
        .expect("glaneur starts");
    std::thread::sleep(Duration::from_millis(1500));
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let output = child.wait_with_output().expect("glaneur ends");
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(stderr(&output).contains("interrupted"), "{}", stderr(&output));
    let lines = lines_of(out.path());
    assert!(lines.len() >= 2, "the documents done before Ctrl-C are written: {lines:?}");
    assert_eq!(lines[0]["entities"][0]["text"], "MARK");
}

#[test]
fn worker_processes_give_the_same_lines_as_the_host_itself() {
    // glaneur's own plugins run in the host by default; --isolate moves them
    // to worker processes, which must change nothing of the output.
    let seeds = artifacts().root.join("seeds");
    let run = |mode: &str| extract(&[mode, "--jobs", "2", dir(&seeds)]);
    let (isolated, in_process) = (run("--isolate"), run("--in-process"));
    assert_eq!(isolated.status.code(), Some(0), "{}", stderr(&isolated));
    assert!(!isolated.stdout.is_empty());
    assert_eq!(isolated.stdout, in_process.stdout);
}
