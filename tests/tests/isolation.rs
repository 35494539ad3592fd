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

/// French news sentences of our own, with amounts, organisations and a quote.
const NEWS: [&str; 4] = [
    "La start-up Nexalis a levé 12 millions d'euros auprès de Bpifrance.",
    "« Nous doublerons nos effectifs », a déclaré Omar Haddad, PDG de Nexalis.",
    "Orange investit 3 milliards d'euros dans la fibre en 2025.",
    "Le chiffre d'affaires de Capgemini atteint 22 milliards d'euros.",
];

#[test]
fn an_abort_a_crash_a_hang_a_runaway_allocation_and_garbage_cost_one_document_each() {
    let bad = ["ABORT-NOW", "SEGV-NOW", "LOOP-NOW", "ALLOC-NOW", "GARBAGE-NOW"];
    let mut docs: Vec<(String, String)> = Vec::new();
    for (k, marker) in bad.iter().enumerate() {
        docs.push((format!("{k}a.txt"), NEWS[k % NEWS.len()].to_owned()));
        docs.push((format!("{k}b.txt"), format!("{marker} {}", NEWS[(k + 1) % NEWS.len()])));
    }
    let named: Vec<(&str, &str)> = docs.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let folder = documents(&named);
    let (fixtures, shipped) = (dir(&artifacts().fixtures), dir(&artifacts().plugins));
    let started = std::time::Instant::now();
    let output = extract(&[
        "--plugins",
        fixtures,
        "--plugins",
        shipped,
        "--timeout",
        "2",
        "--max-memory",
        "1024",
        "--jobs",
        "2",
        dir(folder.path()),
    ]);
    assert!(started.elapsed() < Duration::from_secs(60), "bounded time");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), docs.len(), "one line per document");
    // The same documents without the misbehaving plugin.
    let alone = json_lines(&extract(&["--plugins", shipped, "--in-process", dir(folder.path())]));
    let error = |line: &Value| line["error"].as_str().unwrap_or("").to_owned();
    for (k, marker) in bad.iter().enumerate() {
        let (good, failed) = (&lines[2 * k], &lines[2 * k + 1]);
        assert_eq!(good, &alone[2 * k], "the other documents' lines are those of a run without the fixture");
        let want = match *marker {
            "ABORT-NOW" => "plugin misbehaving crashed: signal SIGABRT",
            "SEGV-NOW" => "plugin misbehaving crashed: signal SIGSEGV",
            "LOOP-NOW" => "plugin misbehaving timed out after 2 s",
            "ALLOC-NOW" => "plugin misbehaving crashed: out of memory (the worker's limit is 1024 MB)",
            _ => "",
        };
        assert_eq!(error(failed), want, "{marker}: {failed}");
        if *marker == "GARBAGE-NOW" {
            // What a plugin prints goes to stderr, not into the results.
            assert_eq!(failed, &alone[2 * k + 1], "{failed}");
            assert!(stderr(&output).contains("garbage from a plugin"), "{}", stderr(&output));
        }
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

#[test]
fn a_run_stopped_by_sigterm_and_resumed_gives_the_lines_of_an_uninterrupted_run() {
    let mut docs: Vec<(String, String)> =
        (0..6).map(|i| (format!("{i}.txt"), NEWS[i % NEWS.len()].to_owned())).collect();
    docs.push(("3b.txt".into(), "LOOP-NOW".into())); // keeps the first run busy
    let named: Vec<(&str, &str)> = docs.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let folder = documents(&named);
    let (fixtures, shipped) = (dir(&artifacts().fixtures), dir(&artifacts().plugins));
    let out = tempfile::tempdir().expect("temp dir");
    let (whole, resumed) = (out.path().join("whole.jsonl"), out.path().join("resumed.jsonl"));
    let args = |file: &std::path::Path, timeout: &str| -> Vec<String> {
        ["extract", "--plugins", fixtures, "--plugins", shipped, "--jobs", "1", "--timeout", timeout, "-o"]
            .iter()
            .map(|s| s.to_string())
            .chain([dir(file).to_owned(), dir(folder.path()).to_owned()])
            .collect()
    };
    assert_eq!(glaneur().args(args(&whole, "1")).output().expect("runs").status.code(), Some(1));
    let child = glaneur().args(args(&resumed, "30")).stderr(Stdio::piped()).spawn().expect("starts");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill").success());
    let stopped = child.wait_with_output().expect("ends");
    assert_eq!(stopped.status.code(), Some(130), "{}", stderr(&stopped));
    let mut again = args(&resumed, "1");
    again.push("--resume".into());
    let carried = glaneur().args(&again).output().expect("runs");
    assert!(stderr(&carried).contains("already there"), "{}", stderr(&carried));
    let sorted = |path: &std::path::Path| {
        let mut lines: Vec<String> = lines_of(path).iter().map(Value::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&resumed), sorted(&whole));
}
