//! The `glaneur` command: `extract` facts from documents, `summary` of a
//! corpus, list `plugins`.
//!
//! Exit codes: 0 ok, 1 some documents failed, 2 usage or plugin-loading error.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use glaneur::input::{self, EncodingMode};
use glaneur::output::{Format, Writer};
use glaneur::pipeline::Pipeline;
use glaneur::plugins::{discover, plugin_dirs, Catalog};
use glaneur::runner::{run, RunOptions};
use tracing_subscriber::EnvFilter;

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
    /// List the plugins found, and every file rejected with its reason.
    Plugins(PluginArgs),
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
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or directories (recursive: .txt, .md, .html); `-` for stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read documents from a JSON Lines file of {"id": …, "text": …} records (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Keep only these kinds (comma-separated); plugins they need still run.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    only: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Text encoding of the files: auto (detect legacy encodings), utf-8 (strict), or a label such as windows-1252.
    #[arg(long, default_value = "auto", value_name = "ENCODING", value_parser = EncodingMode::parse)]
    encoding: EncodingMode,
    /// Documents larger than this many bytes are reported as errors.
    #[arg(long, default_value_t = 256 << 20, value_name = "BYTES")]
    max_bytes: u64,
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
        Command::Plugins(args) => list_plugins(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("glaneur: {message}");
            ExitCode::from(2)
        }
    }
}

/// Loads the plugins the arguments point to.
fn load_catalog(args: &PluginArgs) -> Catalog {
    let exe = std::env::current_exe().ok();
    let dirs = plugin_dirs(&args.plugin_dirs, std::env::var_os("GLANEUR_PLUGIN_PATH"), exe.as_deref());
    let configs: HashMap<String, String> = args.configs.iter().cloned().collect();
    discover(&dirs, &configs)
}

fn list_plugins(args: &PluginArgs) -> Result<ExitCode, String> {
    let catalog = load_catalog(args);
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
            print(&mut out, format!("rejected {}: {}", r.path.display(), r.reason))?;
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

/// `extract`, or with `summary` the aggregates instead of the documents.
fn extract(args: ExtractArgs, summary: bool) -> Result<ExitCode, String> {
    if args.paths.is_empty() && args.jsonl.is_none() {
        return Err("nothing to read: give PATHs (or - for stdin) or --jsonl FILE".into());
    }
    let catalog = load_catalog(&args.plugins);
    for r in &catalog.rejected {
        tracing::warn!("plugin file rejected: {}: {}", r.path.display(), r.reason);
    }
    if catalog.plugins.is_empty() {
        return Err(no_plugins_message(&catalog));
    }
    let pipeline = Pipeline::new(catalog.plugins, &args.only).map_err(|e| e.to_string())?;
    let names: Vec<&str> = pipeline.plugins().map(|p| p.name()).collect();
    tracing::info!(plugins = ?names, "running");

    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut writer = Writer::new(BufWriter::with_capacity(1 << 16, out), args.format, color);
    let mut aggregates = glaneur::summary::Summary::default();
    let progress = Progress::new();
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = RunOptions { jobs, encoding: args.encoding };

    let paths_inputs = input::from_paths(args.paths, args.max_bytes);
    let mut write = |done: &glaneur::runner::Processed| {
        progress.document(done.text.len());
        if summary {
            aggregates.add(&done.line, Some(&done.text));
            Ok(())
        } else {
            writer.write(done)
        }
    };
    let result = match &args.jsonl {
        Some(path) => run(paths_inputs.chain(input::from_jsonl(path, args.max_bytes)), &pipeline, options, &mut write),
        None => run(paths_inputs, &pipeline, options, &mut write),
    };
    progress.finish();
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
