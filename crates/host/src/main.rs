//! The `glaneur` command: `extract` facts from documents, `summary` of a
//! corpus, `eval` against gold annotations, list `plugins`.
//!
//! Exit codes: 0 ok, 1 some documents failed (`extract`, `summary`) or a
//! `--require` was not met (`eval`), 2 usage or plugin-loading error.

glaneur_alloc::global_allocator!();

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use glaneur::eval::{self, Corpus, Requirement};
use glaneur::html::HtmlMode;
use glaneur::input::{self, EncodingMode, RawInput};
use glaneur::interrupt;
use glaneur::isolation::{self, Limits, WorkerCommand, Workers};
use glaneur::output::{Format, Writer};
use glaneur::pipeline::{Extract, Pipeline};
use glaneur::plugins::{discover, plugin_dirs, Catalog};
use glaneur::runner::{run, Processed, RunOptions};
use tracing_subscriber::EnvFilter;

mod resume;

/// Extracts money, organisations, quotations and AI model names from French
/// and English technology news, with dynamically loaded plugins.
#[derive(Parser)]
#[command(name = "glaneur", version, about)]
struct Cli {
    /// More diagnostics on stderr (-v info, -vv debug); GLANEUR_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities from documents and print them.
    Extract(ExtractArgs),
    /// Extract, then print the corpus-wide aggregates as JSON: counts per
    /// kind, top organisations, amounts per currency and the largest ones,
    /// quotations by speaker, models by vendor.
    Summary(ExtractArgs),
    /// Score entities against gold annotations: extract from PATHs (or
    /// read an output with --system), then print per kind the gold and
    /// system counts, lenient P/R/F1 (overlapping spans), strict F1
    /// (identical spans) and full P/R/F1 (overlapping, key attributes right).
    Eval(EvalArgs),
    /// List the plugins found, and every file rejected with its reason.
    Plugins(ListArgs),
    /// A worker process (started by glaneur itself): documents on stdin,
    /// results on stdout.
    #[command(hide = true)]
    Worker(WorkerArgs),
}

#[derive(Args)]
struct WorkerArgs {
    #[command(flatten)]
    plugins: PluginArgs,
    /// The kinds to keep, as the run asked.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    only: Vec<String>,
    /// Writable-memory limit (RLIMIT_DATA), in megabytes.
    #[arg(long, value_name = "MB")]
    max_memory: Option<u64>,
}

#[derive(Args)]
struct PluginArgs {
    /// Directory to load plugins from (repeatable). Default: GLANEUR_PLUGIN_PATH,
    /// else plugins/ beside the executable.
    #[arg(long = "plugins", value_name = "DIR")]
    plugin_dirs: Vec<PathBuf>,
    /// Configuration for a plugin, as NAME=CONFIG (repeatable).
    #[arg(long = "config", value_name = "NAME=CONFIG", value_parser = parse_config)]
    configs: Vec<(String, String)>,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    plugins: PluginArgs,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// Keep only these kinds (comma-separated); plugins they need still run.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    only: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Carry on an interrupted run: skip the documents already in --output
    /// FILE (by `source`), drop a torn last line, and append the rest.
    #[arg(long, requires = "output")]
    resume: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// The gold annotations: JSON Lines in the output format, one line per
    /// document, matched to the output by the basename of `source`; an
    /// entity with "scored": false is not scored either way.
    #[arg(value_name = "GOLD.jsonl")]
    gold: PathBuf,
    /// Score this output, already made (`-` for stdin), instead of extracting from PATHs.
    #[arg(long, value_name = "OUTPUT.jsonl")]
    system: Option<PathBuf>,
    /// Kinds to score (comma-separated; default: the kinds the gold has).
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    kinds: Vec<String>,
    /// Also list each miss, spurious entity and attribute error, with its document.
    #[arg(long)]
    errors: bool,
    /// Print the figures as one JSON object (per kind: gold, sys, lenient_p … full_f1).
    #[arg(long)]
    json: bool,
    /// Exit 1 when a figure is below a bar, e.g. quotation:full_f1>=0.9
    /// (repeatable; METRIC: gold, sys, lenient_p/r/f1, strict_p/r/f1, full_p/r/f1).
    #[arg(long, value_name = "KIND:METRIC>=X")]
    require: Vec<Requirement>,
    #[command(flatten)]
    input: InputArgs,
}

/// What to read and how to run the plugins over it: the same for
/// `extract`, `summary` and `eval`.
#[derive(Args)]
struct InputArgs {
    /// Files or directories (recursive: .txt, .md, .html, also gzipped or
    /// zstd-compressed, and WARC archives .warc, .warc.gz); `-` for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read documents from a JSON Lines file of {"id": …, "text": …} records
    /// (`-` for stdin; .jsonl.gz and .jsonl.zst are decompressed).
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Text encoding of the files: auto (detect legacy encodings), utf-8 (strict), or a label such as windows-1252.
    #[arg(long, default_value = "auto", value_name = "ENCODING", value_parser = EncodingMode::parse)]
    encoding: EncodingMode,
    /// What of an HTML page (a file or a WARC record) to read: the article
    /// (without menus, headers and footers, cookie notices, sidebars,
    /// "lire aussi" boxes), or the whole page.
    #[arg(long, value_enum, default_value_t = HtmlMode::Article, value_name = "MODE")]
    html: HtmlMode,
    /// Documents larger than this many bytes are reported as errors.
    #[arg(long, default_value_t = 256 << 20, value_name = "BYTES")]
    max_bytes: u64,
    /// Run the plugins in worker processes, so that one that crashes or
    /// hangs costs a document, not the run (the default when a plugin other
    /// than glaneur's own is loaded).
    #[arg(long, conflicts_with = "in_process")]
    isolate: bool,
    /// Run the plugins in this process (the default with glaneur's own
    /// plugins alone): a little faster, but a plugin that crashes ends the run.
    #[arg(long)]
    in_process: bool,
    /// Seconds a document may take (plus one per megabyte) before its worker
    /// is killed and the document reported as timed out.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    timeout: u64,
    /// Writable-memory limit of each worker process (RLIMIT_DATA), in
    /// megabytes (0: none).
    #[arg(long, default_value_t = 4096, value_name = "MB")]
    max_memory: u64,
    #[command(flatten)]
    plugins: PluginArgs,
}

/// A progress line on stderr — documents, megabytes, MB/s — when stderr is
/// a terminal and the run has lasted a second; silent otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    bytes: std::cell::Cell<u64>,
}

impl Progress {
    fn new() -> Self {
        let bar = io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress { bar, started: std::time::Instant::now(), bytes: std::cell::Cell::new(0) }
    }

    fn document(&self, bytes: usize) {
        let Some(bar) = &self.bar else { return };
        self.bytes.set(self.bytes.get() + bytes as u64);
        bar.inc(1);
        let elapsed = self.started.elapsed().as_secs_f64();
        if elapsed > 1.0 {
            if bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            let mb = self.bytes.get() as f64 / 1e6;
            bar.set_message(format!("{mb:.1} MB, {:.1} MB/s", mb / elapsed));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn parse_config(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(name, config)| (name.to_owned(), config.to_owned()))
        .ok_or_else(|| format!("expected NAME=CONFIG, got {s:?}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_env("GLANEUR_LOG").unwrap_or_else(|_| EnvFilter::new(default_level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(io::stderr).with_target(false).init();

    let result = match cli.command {
        Command::Extract(args) => extract(args, false),
        Command::Summary(args) => extract(args, true),
        Command::Eval(args) => evaluate(args),
        Command::Plugins(args) => list_plugins(&args),
        Command::Worker(args) => serve_worker(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("glaneur: {message}");
            ExitCode::from(2)
        }
    }
}

/// `glaneur worker`: the plugins over the documents the host sends.
fn serve_worker(args: &WorkerArgs) -> Result<ExitCode, String> {
    isolation::worker::ignore_interrupts();
    if let Some(megabytes) = args.max_memory.filter(|&mb| mb > 0) {
        isolation::worker::limit_memory(megabytes).map_err(|e| format!("cannot limit the worker's memory: {e}"))?;
    }
    let catalog = load_catalog(&args.plugins);
    let pipeline = Pipeline::new(catalog.plugins, &args.only).map_err(|e| e.to_string())?;
    let frames = isolation::worker::take_stdout().map_err(|e| format!("worker: {e}"))?;
    isolation::worker::serve(&pipeline, io::stdin().lock(), frames).map_err(|e| format!("worker: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the plugins the arguments point to.
fn load_catalog(args: &PluginArgs) -> Catalog {
    let exe = std::env::current_exe().ok();
    let dirs = plugin_dirs(&args.plugin_dirs, std::env::var_os("GLANEUR_PLUGIN_PATH"), exe.as_deref());
    let configs: HashMap<String, String> = args.configs.iter().cloned().collect();
    discover(&dirs, &configs)
}

fn list_plugins(args: &ListArgs) -> Result<ExitCode, String> {
    let catalog = load_catalog(&args.plugins);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let print =
        |out: &mut io::StdoutLock, text: String| writeln!(out, "{text}").map_err(|e| format!("cannot write: {e}"));
    if args.json {
        let plugins: Vec<_> = catalog
            .plugins
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.name(), "version": p.manifest.version.as_str(),
                    "produces": p.manifest.produces.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                    "requires": p.manifest.requires.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                    "description": p.manifest.description.as_str(), "path": p.path.display().to_string(),
                })
            })
            .collect();
        let rejected: Vec<_> = catalog
            .rejected
            .iter()
            .map(|r| serde_json::json!({"path": r.path.display().to_string(), "reason": r.reason}))
            .collect();
        print(&mut out, serde_json::json!({"plugins": plugins, "rejected": rejected}).to_string())?;
    } else {
        let dirs: Vec<String> = catalog.dirs.iter().map(|d| d.display().to_string()).collect();
        print(&mut out, format!("searched: {}", dirs.join(", ")))?;
        for p in &catalog.plugins {
            let list = |kinds: &abi_stable::std_types::RVec<abi_stable::std_types::RString>| {
                kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
            };
            let requires = list(&p.manifest.requires);
            let requires = if requires.is_empty() { String::new() } else { format!(" requires={requires}") };
            print(
                &mut out,
                format!(
                    "{} {}  produces={}{requires}  {}\n    {}",
                    p.name(),
                    p.manifest.version,
                    list(&p.manifest.produces),
                    p.path.display(),
                    p.manifest.description
                ),
            )?;
        }
        for r in &catalog.rejected {
            print(&mut out, format!("rejected {r}"))?;
        }
    }
    if catalog.plugins.is_empty() {
        return Err(no_plugins_message(&catalog));
    }
    Ok(ExitCode::SUCCESS)
}

fn no_plugins_message(catalog: &Catalog) -> String {
    let dirs: Vec<String> = catalog.dirs.iter().map(|d| d.display().to_string()).collect();
    format!(
        "no plugin found (searched: {}); build them with `cargo xtask build`, or point --plugins or GLANEUR_PLUGIN_PATH at them",
        if dirs.is_empty() { "nothing".into() } else { dirs.join(", ") }
    )
}

impl InputArgs {
    /// Whether nothing to read was given.
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.jsonl.is_none()
    }

    /// Loads the plugins and orders the pipeline that `only` asks for (all
    /// the plugins when it is empty).
    fn pipeline(&self, only: &[String]) -> Result<Pipeline, String> {
        let catalog = load_catalog(&self.plugins);
        for r in &catalog.rejected {
            tracing::warn!("plugin file rejected: {r}");
        }
        if catalog.plugins.is_empty() {
            return Err(no_plugins_message(&catalog));
        }
        let pipeline = Pipeline::new(catalog.plugins, only).map_err(|e| e.to_string())?;
        let names: Vec<&str> = pipeline.plugins().map(|p| p.name()).collect();
        tracing::info!(plugins = ?names, "running");
        Ok(pipeline)
    }

    /// Runs `pipeline` over the documents these arguments name, passing
    /// each to `write` in input order, with the progress line; then says on
    /// stderr how many WARC records were not documents.
    fn run(
        &self,
        pipeline: &Pipeline,
        only: &[String],
        done_before: &HashSet<String>,
        mut write: impl FnMut(&Processed) -> io::Result<()>,
    ) -> io::Result<glaneur::runner::Summary> {
        let progress = Progress::new();
        let jobs = self.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let options = RunOptions { jobs, encoding: self.encoding, html: self.html };
        let skipped = input::Skipped::default();
        let paths_inputs = input::from_paths(self.paths.clone(), self.max_bytes, skipped.clone());
        let write = |done: &Processed| {
            progress.document(done.text().len());
            write(done)
        };
        let workers;
        let (extractor, options): (&dyn Extract, _) = if !self.isolated(pipeline) {
            (pipeline, options)
        } else {
            workers = self.workers(only, jobs).map_err(io::Error::other)?;
            // Two threads per worker: one prepares its batch while the other's is extracted.
            (&workers, RunOptions { jobs: jobs * 2, ..options })
        };
        // Ctrl-C stops the reading; what was read is extracted and written.
        let wanted = |input: &RawInput| !done_before.contains(&input.source);
        let result = match &self.jsonl {
            Some(path) => {
                let inputs = paths_inputs.chain(input::from_jsonl(path, self.max_bytes));
                run(inputs.take_while(|_| !interrupt::requested()).filter(wanted), extractor, options, write)
            }
            None => run(paths_inputs.take_while(|_| !interrupt::requested()).filter(wanted), extractor, options, write),
        };
        progress.finish();
        if skipped.total() > 0 {
            let counts: Vec<String> = skipped.counts().iter().map(|(reason, n)| format!("{n} {reason}")).collect();
            eprintln!(
                "glaneur: {} WARC records skipped, not text or HTML responses: {}",
                skipped.total(),
                counts.join(", ")
            );
        }
        result
    }

    /// Whether the plugins run in worker processes: asked for, or by
    /// default when a plugin is not one of glaneur's own (those beside its
    /// executable, tested with it). Isolation costs a fifth to a quarter of
    /// the speed (README, Speed): the shipped plugins do not pay it unless asked.
    fn isolated(&self, pipeline: &Pipeline) -> bool {
        if self.isolate || self.in_process {
            return self.isolate;
        }
        let own = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.join("plugins")));
        let own = own.and_then(|dir| dir.canonicalize().ok());
        !pipeline.plugins().all(|p| {
            let dir = p.path.parent().and_then(|d| d.canonicalize().ok());
            own.is_some() && dir == own
        })
    }

    /// The worker processes that run the plugins these arguments load.
    fn workers(&self, only: &[String], jobs: usize) -> Result<Workers, String> {
        let program = std::env::current_exe().map_err(|e| format!("cannot find glaneur's own executable: {e}"))?;
        let mut args: Vec<OsString> = vec!["worker".into()];
        for dir in &self.plugins.plugin_dirs {
            args.extend(["--plugins".into(), dir.clone().into_os_string()]);
        }
        for (name, config) in &self.plugins.configs {
            args.extend(["--config".into(), format!("{name}={config}").into()]);
        }
        if !only.is_empty() {
            args.extend(["--only".into(), only.join(",").into()]);
        }
        if self.max_memory > 0 {
            args.extend(["--max-memory".into(), self.max_memory.to_string().into()]);
        }
        let limits = Limits {
            timeout: Duration::from_secs(self.timeout),
            per_megabyte: Duration::from_secs(1),
            max_memory_mb: (self.max_memory > 0).then_some(self.max_memory),
        };
        Ok(Workers::new(WorkerCommand { program, args }, limits, jobs))
    }
}

/// `extract`, or with `summary` the aggregates instead of the documents.
fn extract(args: ExtractArgs, summary: bool) -> Result<ExitCode, String> {
    if args.input.is_empty() {
        return Err("nothing to read: give PATHs (or - for stdin) or --jsonl FILE".into());
    }
    let pipeline = args.input.pipeline(&args.only)?;
    interrupt::install();

    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let mut done_before = HashSet::new();
    let out: Box<dyn Write> = match &args.output {
        Some(path) if args.resume => {
            if summary || args.format != Format::Jsonl {
                return Err("--resume carries on a JSON Lines output: `extract --format jsonl`".into());
            }
            let (file, sources) = resume::open(path)?;
            eprintln!("glaneur: resuming {}: {} documents already there", path.display(), sources.len());
            done_before = sources;
            Box::new(file)
        }
        Some(path) => Box::new(File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut writer = Writer::new(BufWriter::with_capacity(1 << 16, out), args.format, color);
    let mut aggregates = glaneur::summary::Summary::default();
    let result = args.input.run(&pipeline, &args.only, &done_before, |done| {
        if summary {
            aggregates.add(&done.line, Some(done.text()));
            Ok(())
        } else {
            writer.write(done)
        }
    });
    let result = result.and_then(|counts| {
        if summary {
            // The aggregates alone: no `[]` of an empty JSON array, no empty page.
            let mut out = writer.into_inner();
            serde_json::to_writer_pretty(&mut out, &aggregates.finish())?;
            out.write_all(b"\n")?;
            out.flush()?;
        } else {
            writer.finish()?;
        }
        Ok(counts)
    });
    match result {
        Ok(summary) if interrupt::requested() => {
            let whereto = args.output.as_ref().map_or("the output".to_owned(), |p| p.display().to_string());
            eprintln!(
                "glaneur: interrupted: {} documents written to {whereto}, every line whole; \
                 `--resume` with the same --output carries on",
                summary.documents
            );
            Ok(ExitCode::from(130))
        }
        Ok(summary) => {
            tracing::info!(documents = summary.documents, failed = summary.failed, "done");
            if summary.failed > 0 {
                eprintln!(
                    "glaneur: {} of {} documents had errors (see their \"error\" field)",
                    summary.failed, summary.documents
                );
                Ok(ExitCode::from(1))
            } else {
                Ok(ExitCode::SUCCESS)
            }
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}

/// `eval`: the output of PATHs (extracted as `extract` does) or of
/// `--system`, scored against the gold; exit 1 when a `--require` fails.
fn evaluate(args: EvalArgs) -> Result<ExitCode, String> {
    let gold = Corpus::read(&args.gold)?;
    for name in &gold.duplicates {
        eprintln!("glaneur: {}: two documents are named {name}; the last one is scored", args.gold.display());
    }
    let mut kinds: Vec<String> = Vec::new();
    for kind in args.kinds.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        if !kinds.iter().any(|k| k == kind) {
            kinds.push(kind.to_owned());
        }
    }
    if kinds.is_empty() {
        kinds = gold.kinds();
    }
    if let Some(r) = args.require.iter().find(|r| !kinds.contains(&r.kind)) {
        return Err(format!(
            "--require names kind {:?}, which is not scored (scored: {}); add it to --kinds",
            r.kind,
            if kinds.is_empty() { "none".to_owned() } else { kinds.join(", ") }
        ));
    }

    let system = match (&args.system, args.input.is_empty()) {
        (Some(_), false) => return Err("give --system OUTPUT.jsonl or PATHs to extract from, not both".into()),
        (None, true) => {
            return Err(
                "nothing to score: give PATHs (or --jsonl FILE) to extract from, or --system OUTPUT.jsonl".into()
            )
        }
        (Some(path), true) => Corpus::read(path)?,
        (None, false) => {
            let pipeline = args.input.pipeline(&[])?;
            let mut system = Corpus::default();
            // Only the gold's documents are kept: memory stays bounded by the gold.
            args.input
                .run(&pipeline, &[], &HashSet::new(), |done| {
                    if gold.contains(eval::basename(&done.line.source)) {
                        system.insert(eval::Document::from_line(&done.line));
                    }
                    Ok(())
                })
                .map_err(|e| format!("cannot extract: {e}"))?;
            system
        }
    };
    for name in system.duplicates.iter().filter(|name| gold.contains(name)) {
        eprintln!("glaneur: the output has two documents named {name}; the last one is scored");
    }

    let evaluation = eval::evaluate(&gold, &system, &kinds);
    if !evaluation.absent.is_empty() {
        const SHOWN: usize = 10;
        let mut names = evaluation.absent.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        if evaluation.absent.len() > SHOWN {
            names.push_str(", …");
        }
        eprintln!(
            "glaneur: {} of {} gold documents are not in the output, their entities count as misses: {names}",
            evaluation.absent.len(),
            gold.len()
        );
    }
    if !args.errors {
        for finding in evaluation.findings.iter().filter(|f| matches!(f, eval::Finding::DocumentError { .. })) {
            eprintln!("glaneur: {finding}");
        }
    }

    let mut text = if args.json { format!("{}\n", eval::to_json(&evaluation)) } else { eval::table(&evaluation) };
    if args.errors {
        for line in eval::error_lines(&evaluation) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    let failed: Vec<String> = args.require.iter().filter_map(|r| r.failure(&evaluation)).collect();
    if !failed.is_empty() {
        text.push_str(&format!("below bar: {}\n", failed.join("; ")));
    }
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write the output: {e}")),
    }
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        // clap checks its definitions (unique names, positional order) only
        // when a command is parsed: every subcommand, here, at once.
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
