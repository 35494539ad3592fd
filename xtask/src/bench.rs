//! `cargo xtask bench`: throughput and memory of the release build on a
//! generated corpus. Writes target/bench/report.json and prints a table.
//!
//! The corpus is generated deterministically (a fixed-seed generator, no
//! randomness from outside): documents of paragraphs drawn from the seeds and
//! from the plugins' test corpora, with their digits varied so that no two
//! documents repeat, as one JSON Lines file. End to end takes the best of
//! three runs (jobs 1 and jobs 2 taking turns); one 50 MB document made of
//! the same paragraphs measures what a long document costs. The shared pass
//! alone, building each document's `Document`, is glaneur-document's divan
//! benchmark, run over the 20 MB sample. The sample's documents are also
//! read from a WARC.gz (one gzip member per record, as archives ship them),
//! against the same documents as JSON Lines.

use std::env::consts::DLL_PREFIX;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::{build, cargo, glaneur_bin, root, status, Result};

/// A small deterministic generator (xorshift64*), so that the corpus is the
/// same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The paragraphs the corpus is made of: the seeds' and the texts of the
/// plugins' test corpora (read as the tests read them).
fn paragraphs(root: &Path) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (_, text) in glaneur_testdata::seeds() {
        out.extend(text.split("\n\n").map(str::trim).filter(|p| p.len() > 40).map(str::to_owned));
    }
    let mut corpora: Vec<PathBuf> = Vec::new();
    for plugin in std::fs::read_dir(root.join("plugins")).map_err(|e| format!("cannot read plugins/: {e}"))?.flatten() {
        if let Ok(files) = std::fs::read_dir(plugin.path().join("tests").join("corpus")) {
            corpora.extend(files.flatten().map(|f| f.path()).filter(|p| p.extension().is_some_and(|e| e == "jsonl")));
        }
    }
    corpora.sort();
    for file in corpora {
        out.extend(glaneur_testdata::read_jsonl(&file).iter().filter_map(|r| r["text"].as_str()).map(str::to_owned));
    }
    Ok(out)
}

/// The corpus `name`.jsonl of `size_mb` megabytes of text in `dir` and its
/// size in bytes of text (kept beside it in `name`.bytes), generated when
/// either is missing.
fn cached_corpus(dir: &Path, name: &str, size_mb: u64) -> Result<(PathBuf, u64)> {
    let corpus = dir.join(format!("{name}.jsonl"));
    let bytes_file = dir.join(format!("{name}.bytes"));
    let cached = std::fs::read_to_string(&bytes_file).ok().and_then(|s| s.trim().parse().ok());
    match cached {
        Some(n) if corpus.exists() => Ok((corpus, n)),
        _ => {
            eprintln!("xtask: generating a {size_mb} MB corpus in {}", corpus.display());
            let n = generate(&corpus, size_mb * 1_000_000)?;
            std::fs::write(&bytes_file, n.to_string()).map_err(|e| e.to_string())?;
            Ok((corpus, n))
        }
    }
}

/// Writes a corpus of at least `bytes` bytes of text to `path`.
fn generate(path: &Path, bytes: u64) -> Result<u64> {
    let paragraphs = paragraphs(&root())?;
    let file = File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut written, mut id) = (0u64, 0u64);
    while written < bytes {
        let count = 4 + rng.below(16);
        let mut text = String::new();
        for k in 0..count {
            if k > 0 {
                text.push_str("\n\n");
            }
            let p = &paragraphs[rng.below(paragraphs.len())];
            // Vary the digits so that documents do not repeat line for line.
            text.extend(p.chars().map(|c| {
                if c.is_ascii_digit() && rng.below(3) == 0 {
                    char::from(b'0' + rng.below(10) as u8)
                } else {
                    c
                }
            }));
        }
        written += text.len() as u64;
        serde_json::to_writer(&mut out, &json!({"id": id, "text": text}))
            .map_err(|e| format!("cannot write the corpus: {e}"))?;
        out.write_all(b"\n").map_err(|e| format!("cannot write the corpus: {e}"))?;
        id += 1;
    }
    out.flush().map_err(|e| format!("cannot write the corpus: {e}"))?;
    Ok(written)
}

/// The documents of the JSON Lines corpus `jsonl` as a WARC.gz at `warc`:
/// one `text/plain` HTTP response per document, each record its own gzip
/// member.
fn warc_of(jsonl: &Path, warc: &Path) -> Result {
    let mut out = BufWriter::new(File::create(warc).map_err(|e| format!("cannot create {}: {e}", warc.display()))?);
    for (i, record) in glaneur_testdata::read_jsonl(jsonl).iter().enumerate() {
        let text = record["text"].as_str().unwrap_or("");
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            text.len()
        );
        let head = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bench.example/{i}\r\n\
             WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len() + text.len()
        );
        let mut member = flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
        for part in [head.as_bytes(), http.as_bytes(), text.as_bytes(), b"\r\n\r\n"] {
            member.write_all(part).map_err(|e| format!("cannot write {}: {e}", warc.display()))?;
        }
        member.finish().map_err(|e| format!("cannot write {}: {e}", warc.display()))?;
    }
    out.flush().map_err(|e| format!("cannot write {}: {e}", warc.display()))
}

/// Runs `command`, returning its wall time and peak resident memory (KiB),
/// read from /proc while it runs (VmHWM is the high-water mark).
fn measure(mut command: Command) -> Result<(Duration, u64)> {
    let start = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            {
                peak = kb;
            }
        }
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if !status.success() {
                return Err(format!("{command:?} failed ({status})"));
            }
            return Ok((start.elapsed(), peak));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Runs each command `RUNS` times, the commands taking turns (so that a
/// slow spell of a shared machine does not fall on one of them), and returns
/// for each its best time and its highest peak memory.
fn best_of<const N: usize>(commands: [&dyn Fn() -> Command; N]) -> Result<[(Duration, u64); N]> {
    const RUNS: usize = 3;
    let mut best = [(Duration::MAX, 0); N];
    for _ in 0..RUNS {
        for (command, best) in commands.iter().zip(&mut best) {
            let (time, rss) = measure(command())?;
            *best = (best.0.min(time), best.1.max(rss));
        }
    }
    Ok(best)
}

/// One document of at least `bytes` bytes of text at `path`: the corpus's
/// paragraphs end to end, for what a long single document costs (memory
/// that grows with a document, work that grows faster than it).
fn single_document(path: &Path, bytes: u64) -> Result<u64> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() >= bytes {
            return Ok(meta.len());
        }
    }
    eprintln!("xtask: generating a single {} MB document in {}", bytes / 1_000_000, path.display());
    let paragraphs = paragraphs(&root())?;
    let mut text = String::with_capacity(bytes as usize + 4096);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    while (text.len() as u64) < bytes {
        text.push_str(&paragraphs[rng.below(paragraphs.len())]);
        text.push_str("\n\n");
    }
    std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(text.len() as u64)
}

/// The median throughput, in MB/s, of glaneur-document's divan benchmark
/// (`DocumentBuf::new` over each document of `corpus`), read from the
/// table divan prints: the line after the benchmark's row (`╰─ build`),
/// median column.
fn document_build(corpus: &Path) -> Result<f64> {
    let output = cargo()
        .args(["bench", "-p", "glaneur-document", "--bench", "build"])
        .env("GLANEUR_BENCH_CORPUS", corpus)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the document benchmark: {e}"))?;
    if !output.status.success() {
        return Err(format!("the document benchmark failed ({})", output.status));
    }
    let table = String::from_utf8_lossy(&output.stdout);
    let median = table
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("╰─"))
        .nth(1)
        .and_then(|l| l.split('│').nth(2))
        .and_then(|cell| {
            let (value, unit) = cell.trim().split_once(' ')?;
            let scale = match unit {
                "KB/s" => 1e-3,
                "MB/s" => 1.0,
                "GB/s" => 1e3,
                _ => return None,
            };
            value.parse::<f64>().ok().map(|v| v * scale)
        });
    median.ok_or_else(|| format!("no MB/s figure in the document benchmark's output:\n{table}"))
}

fn mb_per_s(bytes: u64, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

/// `cargo xtask bench --python`: the Python package against the command
/// line on the 20 MB sample, and the Spark example on 1 and 2 local cores
/// (python/bench/throughput.py, in the tests' virtualenv).
fn bench_python(bin: &Path, sample: &Path, dir: &Path) -> Result {
    let venv = crate::python::venv()?;
    crate::python::install_package(&venv)?;
    status(crate::python::in_venv(&venv, "python", |c| {
        c.arg(root().join("python").join("bench").join("throughput.py"))
            .arg("--bin")
            .arg(bin)
            .arg("--corpus")
            .arg(sample)
            .arg("--report")
            .arg(dir.join("python.json"));
    }))
}

/// `cargo xtask bench [--size MB] [--python]`.
pub fn bench(args: &[String]) -> Result {
    let size_mb: u64 = match args.iter().position(|a| a == "--size") {
        Some(i) => args.get(i + 1).and_then(|v| v.parse().ok()).ok_or("--size takes a number of megabytes")?,
        None => 100,
    };
    let out = build(true)?;
    let bin = glaneur_bin(&out);
    let dir = root().join("target").join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (corpus, text_bytes) = cached_corpus(&dir, &format!("corpus-{size_mb}mb"), size_mb)?;
    let (sample, sample_bytes) = cached_corpus(&dir, "sample-20mb", 20)?;
    if args.iter().any(|a| a == "--python") {
        return bench_python(&bin, &sample, &dir);
    }
    let extract = |args: &[&str], plugins: Option<&Path>| {
        let mut c = Command::new(&bin);
        c.arg("extract").args(args);
        if let Some(p) = plugins {
            c.arg("--plugins").arg(p);
        }
        c
    };

    // The shared pass alone: the Document of each document of the sample.
    let document = document_build(&sample)?;

    // Each plugin alone (plugins that require others run without them), in
    // glaneur's own process: a plugin from another directory than the
    // binary's would otherwise run in a worker process, and the line would
    // measure that isolation as much as the plugin.
    let mut per_plugin = Vec::new();
    let mut libs: Vec<PathBuf> =
        std::fs::read_dir(out.join("plugins")).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).collect();
    libs.sort();
    for lib in libs {
        let name = lib
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .trim_start_matches(&format!("{DLL_PREFIX}glaneur_plugin_"))
            .to_owned();
        let one = dir.join("one").join(&name);
        std::fs::create_dir_all(&one).map_err(|e| e.to_string())?;
        std::fs::copy(&lib, one.join(lib.file_name().expect("a file"))).map_err(|e| e.to_string())?;
        let s = sample.to_str().ok_or("non-UTF-8 path")?;
        let (time, _) =
            measure(extract(&["--jsonl", s, "--jobs", "1", "--in-process", "-o", "/dev/null"], Some(&one)))?;
        per_plugin.push((name, mb_per_s(sample_bytes, time)));
    }

    // End to end, all plugins.
    let c = corpus.to_str().ok_or("non-UTF-8 path")?;
    let result = dir.join("out.jsonl");
    let r = result.to_str().ok_or("non-UTF-8 path")?;
    let jobs_1 = || extract(&["--jsonl", c, "--jobs", "1", "-o", r], None);
    let jobs_2 = || extract(&["--jsonl", c, "--jobs", "2", "-o", r], None);
    let [(t1, rss1), (t2, rss2)] = best_of([&jobs_1, &jobs_2])?;

    // The sample as a WARC.gz against the same documents as JSON Lines.
    let warc = dir.join("sample-20mb.warc.gz");
    warc_of(&sample, &warc)?;
    let (s, w) = (sample.to_str().ok_or("non-UTF-8 path")?, warc.to_str().ok_or("non-UTF-8 path")?);
    let from_jsonl = || extract(&["--jsonl", s, "--jobs", "1", "-o", "/dev/null"], None);
    let from_warc = || extract(&[w, "--jobs", "1", "-o", "/dev/null"], None);
    let [(tj, _), (tw, _)] = best_of([&from_jsonl, &from_warc])?;
    let (ej, ew) = (mb_per_s(sample_bytes, tj), mb_per_s(sample_bytes, tw));

    // One long document.
    let single = dir.join("single-50mb.txt");
    let single_bytes = single_document(&single, 50_000_000)?;
    let s = single.to_str().ok_or("non-UTF-8 path")?;
    let (ts, rss_single) = measure(extract(&[s, "--jobs", "1", "-o", r], None))?;

    // Start-up: all plugins loaded, one empty document.
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").map_err(|e| e.to_string())?;
    let mut startups: Vec<Duration> = (0..11)
        .map(|_| measure(extract(&[empty.to_str().unwrap_or("")], None)).map(|(t, _)| t))
        .collect::<Result<_>>()?;
    startups.sort();
    let startup = startups[startups.len() / 2];

    let (e1, e2, es) = (mb_per_s(text_bytes, t1), mb_per_s(text_bytes, t2), mb_per_s(single_bytes, ts));
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned()))
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "glaneur bench — {machine}, {cores} cores; corpus {:.1} MB of text ({})",
        text_bytes as f64 / 1e6,
        corpus.display()
    );
    println!("{:<34} {:>12}", "measure", "value");
    println!("{:<34} {:>9.1} MB/s", "Document build alone (divan)", document);
    for (name, rate) in &per_plugin {
        println!("{:<34} {:>9.1} MB/s", format!("plugin {name} alone, --jobs 1"), rate);
    }
    println!("{:<34} {:>9.1} MB/s", "end to end, --jobs 1", e1);
    println!("{:<34} {:>9.1} MB/s  ({:.2}x)", "end to end, --jobs 2", e2, e2 / e1);
    println!("{:<34} {:>9.1} ms", "start-up, all plugins", startup.as_secs_f64() * 1e3);
    println!("{:<34} {:>9.1} MB", "peak memory, --jobs 1", rss1 as f64 / 1024.0);
    println!("{:<34} {:>9.1} MB", "peak memory, --jobs 2", rss2 as f64 / 1024.0);
    println!("{:<34} {:>9.1} MB/s", "20 MB sample as JSONL, --jobs 1", ej);
    println!("{:<34} {:>9.1} MB/s", "same as WARC.gz, --jobs 1", ew);
    println!("{:<34} {:>9.1} MB/s", "one 50 MB document", es);
    println!("{:<34} {:>9.1} MB", "peak memory, one 50 MB document", rss_single as f64 / 1024.0);
    let report = json!({
        "machine": machine, "cores": cores, "corpus_bytes": text_bytes,
        "document_build_mb_per_s": document,
        "plugins_mb_per_s": per_plugin.iter().map(|(n, r)| (n.clone(), json!(r))).collect::<serde_json::Map<_, _>>(),
        "end_to_end_mb_per_s": {"jobs_1": e1, "jobs_2": e2, "speedup": e2 / e1},
        "startup_ms": startup.as_secs_f64() * 1e3,
        "peak_rss_mb": {"jobs_1": rss1 as f64 / 1024.0, "jobs_2": rss2 as f64 / 1024.0},
        "sample_jsonl_mb_per_s": ej, "sample_warc_gz_mb_per_s": ew,
        "single_document": {"bytes": single_bytes, "mb_per_s": es, "peak_rss_mb": rss_single as f64 / 1024.0},
    });
    let report_path = dir.join("report.json");
    std::fs::write(&report_path, serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    println!("report: {}", report_path.display());
    Ok(())
}
