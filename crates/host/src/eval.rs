//! `glaneur eval`: an output scored against gold annotations made by hand,
//! a port of the devset's `score.py` that gives the same figures.
//!
//! The gold is a JSON Lines file in the output format of SPEC.md, one line
//! per document; a gold entity may carry `"scored": false` (ambiguous, not
//! scored either way) and a `note`. Documents are matched by the basename
//! of their `source`. Per kind:
//!
//! - **lenient**: one-to-one matching of spans that overlap, the largest
//!   overlap first;
//! - **strict**: of those matches, the ones whose spans are identical;
//! - **full**: of those matches, the ones whose key attributes are right
//!   ([`attrs_agree`]).
//!
//! A gold entity with `"scored": false` is ignored, and so is an unmatched
//! system entity of its kind that overlaps it. A gold document absent from
//! the output counts its entities as misses.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead};
use std::path::Path;
use std::str::FromStr;

use glaneur_schema::output::DocumentLine;
use serde_json::{Map, Value};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// The kinds SPEC.md defines, in the order the table lists them; other
/// kinds found in the gold come after, sorted.
pub const KINDS: [&str; 4] = ["money", "organization", "quotation", "ai_model"];

/// The metrics a [`Requirement`] may name.
pub const METRICS: [&str; 11] = [
    "gold",
    "sys",
    "lenient_p",
    "lenient_r",
    "lenient_f1",
    "strict_p",
    "strict_r",
    "strict_f1",
    "full_p",
    "full_r",
    "full_f1",
];

/// Words an organisation's canonical name is compared without, at its end
/// or its start: `Alibaba Group Holding Limited` = `Alibaba`, `Meta
/// Platforms` = `Meta`, `Mistral AI` = `Mistral`.
const LEGAL: [&str; 24] = [
    "group",
    "groupe",
    "inc",
    "corp",
    "corporation",
    "holding",
    "holdings",
    "limited",
    "ltd",
    "sa",
    "sas",
    "se",
    "plc",
    "ag",
    "gmbh",
    "co",
    "company",
    "ai",
    "platforms",
    "technologies",
    "the",
    "le",
    "la",
    "les",
];

/// One entity of a gold file or an output, as scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Its kind.
    pub kind: String,
    /// Byte offset of its first byte.
    pub start: u64,
    /// Byte offset one past its last byte.
    pub end: u64,
    /// Its text, when the line gives it.
    pub text: Option<String>,
    /// Its attributes (empty when absent).
    pub attrs: Map<String, Value>,
    /// False for a gold entity marked `"scored": false`.
    pub scored: bool,
}

impl Entity {
    /// Bytes shared by the two spans; zero or less when they are disjoint.
    fn overlap(&self, other: &Entity) -> i128 {
        i128::from(self.end.min(other.end)) - i128::from(self.start.max(other.start))
    }

    /// Its text as the error list shows it: quoted, or its span when the
    /// line gave no text.
    fn shown(&self) -> String {
        match &self.text {
            Some(text) => format!("{text:?}"),
            None => format!("{}..{}", self.start, self.end),
        }
    }
}

/// One document of a gold file or an output.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The basename of its `source`: what gold and output are matched by.
    pub name: String,
    /// Its entities.
    pub entities: Vec<Entity>,
    /// The error of a document the system could not process.
    pub error: Option<String>,
}

/// The basename of a source: what follows its last `/` (or the platform's
/// separator).
pub fn basename(source: &str) -> &str {
    source.rsplit(['/', std::path::MAIN_SEPARATOR]).next().unwrap_or(source)
}

impl Document {
    /// Reads one line of a gold file or an output: `None` for a blank line.
    pub fn parse(line: &str) -> Result<Option<Document>, String> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(None);
        }
        let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
        let Value::Object(object) = value else { return Err("not a JSON object".into()) };
        let source = match object.get("source") {
            Some(Value::String(s)) => s,
            _ => return Err("no \"source\" string".into()),
        };
        let entities = match object.get("entities") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, e)| parse_entity(e).map_err(|why| format!("entity {i}: {why}")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("\"entities\" is not an array".into()),
        };
        let error = match object.get("error") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        };
        Ok(Some(Document { name: basename(source).to_owned(), entities, error }))
    }

    /// A document as the pipeline wrote it.
    pub fn from_line(line: &DocumentLine) -> Document {
        let entities = line
            .entities
            .iter()
            .flatten()
            .map(|e| Entity {
                kind: e.kind.to_string(),
                start: e.start,
                end: e.end,
                text: Some(line.text_of(e).to_owned()),
                attrs: e.attrs.to_map(),
                scored: true,
            })
            .collect();
        Document { name: basename(&line.source).to_owned(), entities, error: line.error.clone() }
    }
}

fn parse_entity(value: &Value) -> Result<Entity, String> {
    let Value::Object(object) = value else { return Err("not a JSON object".into()) };
    let kind = match object.get("kind") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err("no \"kind\" string".into()),
    };
    let offset = |key: &str| {
        object.get(key).and_then(Value::as_u64).ok_or_else(|| format!("no \"{key}\" byte offset (an integer ≥ 0)"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    if end < start {
        return Err(format!("\"end\" {end} is before \"start\" {start}"));
    }
    let text = object.get("text").and_then(Value::as_str).map(str::to_owned);
    let attrs = match object.get("attrs") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => return Err("\"attrs\" is not an object".into()),
    };
    let scored = object.get("scored") != Some(&Value::Bool(false));
    Ok(Entity { kind, start, end, text, attrs, scored })
}

/// Documents by name: a gold file, or an output.
#[derive(Debug, Default)]
pub struct Corpus {
    documents: BTreeMap<String, Document>,
    /// Names given to more than one document (the last one is kept, as
    /// `score.py` keeps it).
    pub duplicates: Vec<String>,
}

impl Corpus {
    /// Adds a document; one of the same name replaces it.
    pub fn insert(&mut self, document: Document) {
        if let Some(earlier) = self.documents.insert(document.name.clone(), document) {
            self.duplicates.push(earlier.name);
        }
    }

    /// The document named `name`.
    pub fn get(&self, name: &str) -> Option<&Document> {
        self.documents.get(name)
    }

    /// Whether a document is named `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.documents.contains_key(name)
    }

    /// The documents, by name.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.documents.values()
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The kinds its entities have (scored or not): those of [`KINDS`] in
    /// its order, then the others sorted.
    pub fn kinds(&self) -> Vec<String> {
        let mut found: Vec<&str> = self.documents.values().flat_map(|d| &d.entities).map(|e| e.kind.as_str()).collect();
        found.sort_unstable();
        found.dedup();
        let mut kinds: Vec<String> = KINDS.iter().filter(|k| found.contains(k)).map(|k| (*k).to_owned()).collect();
        kinds.extend(found.into_iter().filter(|k| !KINDS.contains(k)).map(str::to_owned));
        kinds
    }

    /// Reads a JSON Lines file (`-`: stdin). Errors name the file and line.
    pub fn read(path: &Path) -> Result<Corpus, String> {
        if path.as_os_str() == "-" {
            return Corpus::read_from(io::stdin().lock(), "<stdin>");
        }
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Corpus::read_from(io::BufReader::new(file), &path.display().to_string())
    }

    /// Reads JSON Lines from `reader`; errors say `origin:LINE: why`.
    pub fn read_from(mut reader: impl BufRead, origin: &str) -> Result<Corpus, String> {
        let mut corpus = Corpus::default();
        let mut bytes = Vec::new();
        for number in 1.. {
            bytes.clear();
            let read = reader.read_until(b'\n', &mut bytes).map_err(|e| format!("cannot read {origin}: {e}"))?;
            if read == 0 {
                break;
            }
            let line = std::str::from_utf8(&bytes).map_err(|e| format!("{origin}:{number}: not UTF-8: {e}"))?;
            let line = if number == 1 { line.trim_start_matches('\u{feff}') } else { line };
            if let Some(document) = Document::parse(line).map_err(|why| format!("{origin}:{number}: {why}"))? {
                corpus.insert(document);
            }
        }
        Ok(corpus)
    }
}

/// Counts for one kind, over the corpus.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Scored gold entities.
    pub gold: u64,
    /// System entities, less those ignored for overlapping an unscored gold one.
    pub sys: u64,
    /// Gold and system entities matched (overlapping spans, one to one).
    pub lenient: u64,
    /// Of those, the ones with identical spans.
    pub strict: u64,
    /// Of those, the ones whose key attributes agree.
    pub full: u64,
}

/// Precision, recall and F1, rounded to three decimals as `score.py` rounds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// `tp` right out of `gold` expected and `sys` found. With nothing
    /// found, precision is 1 if nothing was expected, else 0; with nothing
    /// expected, recall is 1.
    pub fn new(tp: u64, gold: u64, sys: u64) -> Prf {
        let (tp, gold_f, sys_f) = (tp as f64, gold as f64, sys as f64);
        let p = if sys > 0 {
            tp / sys_f
        } else if gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if gold > 0 { tp / gold_f } else { 1.0 };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { p: round3(p), r: round3(r), f1: round3(f1) }
    }
}

/// `x` rounded to three decimals as Python's `round(x, 3)` does: the
/// decimal nearest the exact binary value, ties to even.
pub fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// The figures of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The kind.
    pub kind: String,
    /// Scored gold entities.
    pub gold: u64,
    /// System entities counted.
    pub sys: u64,
    /// Overlapping spans.
    pub lenient: Prf,
    /// Identical spans.
    pub strict: Prf,
    /// Overlapping spans with the right key attributes.
    pub full: Prf,
}

impl Metrics {
    /// The figures of `counts`.
    pub fn new(kind: &str, counts: &Counts) -> Metrics {
        let prf = |tp| Prf::new(tp, counts.gold, counts.sys);
        Metrics {
            kind: kind.to_owned(),
            gold: counts.gold,
            sys: counts.sys,
            lenient: prf(counts.lenient),
            strict: prf(counts.strict),
            full: prf(counts.full),
        }
    }

    /// One metric by its name in [`METRICS`].
    pub fn get(&self, metric: &str) -> Option<f64> {
        Some(match metric {
            "gold" => self.gold as f64,
            "sys" => self.sys as f64,
            "lenient_p" => self.lenient.p,
            "lenient_r" => self.lenient.r,
            "lenient_f1" => self.lenient.f1,
            "strict_p" => self.strict.p,
            "strict_r" => self.strict.r,
            "strict_f1" => self.strict.f1,
            "full_p" => self.full.p,
            "full_r" => self.full.r,
            "full_f1" => self.full.f1,
            _ => return None,
        })
    }
}

/// Something the error list shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The output's line for a gold document has an error.
    DocumentError {
        /// The document's name.
        document: String,
        /// The error.
        error: String,
    },
    /// A scored gold entity no system entity overlaps.
    Miss {
        /// The document's name.
        document: String,
        /// The entity.
        entity: Entity,
    },
    /// A system entity that overlaps no gold entity.
    Spurious {
        /// The document's name.
        document: String,
        /// The entity.
        entity: Entity,
    },
    /// A match whose key attributes disagree.
    Attrs {
        /// The document's name.
        document: String,
        /// The gold entity.
        gold: Entity,
        /// The system entity matched with it.
        system: Entity,
    },
}

impl std::fmt::Display for Finding {
    /// One line of the error list, as `score.py --errors` prints it (texts
    /// quoted the Rust way, attributes as JSON).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::DocumentError { document, error } => write!(f, "{document}: document error: {error}"),
            Finding::Miss { document, entity } => write!(f, "{document}: MISS {}: {}", entity.kind, entity.shown()),
            Finding::Spurious { document, entity } => {
                write!(f, "{document}: SPURIOUS {}: {}", entity.kind, entity.shown())
            }
            Finding::Attrs { document, gold, system } => write!(
                f,
                "{document}: ATTR {} {}: gold {} vs sys {}",
                gold.kind,
                gold.shown(),
                Value::Object(gold.attrs.clone()),
                Value::Object(system.attrs.clone())
            ),
        }
    }
}

/// The outcome of scoring an output against a gold file.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The figures, one per kind, in the order asked.
    pub metrics: Vec<Metrics>,
    /// The counts behind them, in the same order.
    pub counts: Vec<Counts>,
    /// Document errors, misses and spurious entities, by document then
    /// kind (`score.py`'s order).
    pub findings: Vec<Finding>,
    /// Matches whose attributes disagree, listed after the findings.
    pub attr_errors: Vec<Finding>,
    /// Gold documents that are not in the output.
    pub absent: Vec<String>,
}

/// Scores `system` against `gold` for `kinds`.
pub fn evaluate(gold: &Corpus, system: &Corpus, kinds: &[String]) -> Evaluation {
    let mut counts = vec![Counts::default(); kinds.len()];
    let mut findings = Vec::new();
    let mut attr_errors = Vec::new();
    let mut absent = Vec::new();
    for gold_doc in gold.documents() {
        let name = &gold_doc.name;
        let (system_entities, error) = match system.get(name) {
            Some(doc) => (&doc.entities[..], doc.error.as_ref()),
            None => {
                absent.push(name.clone());
                (&[][..], None)
            }
        };
        if let Some(error) = error {
            findings.push(Finding::DocumentError { document: name.clone(), error: error.clone() });
        }
        for (kind, counts) in kinds.iter().zip(&mut counts) {
            let scored = score_kind(kind, &gold_doc.entities, system_entities, counts);
            for (g, s) in scored.attr_errors {
                attr_errors.push(Finding::Attrs { document: name.clone(), gold: g.clone(), system: s.clone() });
            }
            for entity in scored.missed {
                findings.push(Finding::Miss { document: name.clone(), entity: entity.clone() });
            }
            for entity in scored.spurious {
                findings.push(Finding::Spurious { document: name.clone(), entity: entity.clone() });
            }
        }
    }
    let metrics = kinds.iter().zip(&counts).map(|(kind, c)| Metrics::new(kind, c)).collect();
    Evaluation { metrics, counts, findings, attr_errors, absent }
}

/// What scoring one kind of one document found wrong.
struct Scored<'a> {
    missed: Vec<&'a Entity>,
    spurious: Vec<&'a Entity>,
    attr_errors: Vec<(&'a Entity, &'a Entity)>,
}

/// Scores one kind of one document into `counts` (`score.py`'s `score_doc`).
fn score_kind<'a>(kind: &str, gold: &'a [Entity], system: &'a [Entity], counts: &mut Counts) -> Scored<'a> {
    let (scored, unscored): (Vec<&Entity>, Vec<&Entity>) =
        gold.iter().filter(|e| e.kind == kind).partition(|e| e.scored);
    let system: Vec<&Entity> = system.iter().filter(|e| e.kind == kind).collect();
    // Every overlapping pair, the largest overlap first; ties go to the
    // later gold entity, then the later system one (score.py sorts the
    // tuples (overlap, gold index, system index) in reverse).
    let mut pairs: Vec<(i128, usize, usize)> = Vec::new();
    for (gi, g) in scored.iter().enumerate() {
        for (si, s) in system.iter().enumerate() {
            let overlap = g.overlap(s);
            if overlap > 0 {
                pairs.push((overlap, gi, si));
            }
        }
    }
    pairs.sort_unstable_by(|a, b| b.cmp(a));
    let (mut gold_used, mut system_used) = (vec![false; scored.len()], vec![false; system.len()]);
    let mut matches = Vec::new();
    for (_, gi, si) in pairs {
        if gold_used[gi] || system_used[si] {
            continue;
        }
        gold_used[gi] = true;
        system_used[si] = true;
        matches.push((scored[gi], system[si]));
    }
    counts.gold += scored.len() as u64;
    counts.lenient += matches.len() as u64;
    let mut attr_errors = Vec::new();
    for &(g, s) in &matches {
        if g.start == s.start && g.end == s.end {
            counts.strict += 1;
        }
        if attrs_agree(kind, &g.attrs, &s.attrs) {
            counts.full += 1;
        } else {
            attr_errors.push((g, s));
        }
    }
    let missed = scored.iter().zip(&gold_used).filter(|(_, used)| !**used).map(|(e, _)| *e).collect();
    // An unmatched system entity overlapping an unscored gold entity is
    // ignored: neither spurious nor counted.
    let mut spurious = Vec::new();
    for (s, _) in system.iter().zip(&system_used).filter(|(_, used)| !**used) {
        if unscored.iter().any(|u| s.overlap(u) > 0) {
            continue;
        }
        spurious.push(*s);
    }
    let ignored = system.len() - matches.len() - spurious.len();
    counts.sys += (system.len() - ignored) as u64;
    Scored { missed, spurious, attr_errors }
}

/// Whether a match's key attributes agree, `gold`'s against `system`'s:
///
/// - money: `value`, `currency` and `max` (numbers within a relative
///   1e-6; a missing, null or empty currency is none);
/// - organization: `canonical`, compared by [`org_key`];
/// - ai_model: `canonical`, [`norm`]alised without spaces (`Qwen 3` =
///   `Qwen3`, `GPT 4o` = `GPT-4o`);
/// - quotation: `speaker`, [`norm`]alised: equal, or one inside the other
///   when the system's has at least 4 characters; both absent agree;
/// - any other kind: always.
pub fn attrs_agree(kind: &str, gold: &Map<String, Value>, system: &Map<String, Value>) -> bool {
    match kind {
        "money" => {
            num_eq(gold.get("value"), system.get("value"))
                && currency(gold.get("currency")) == currency(system.get("currency"))
                && num_eq(gold.get("max"), system.get("max"))
        }
        "organization" => org_key(gold.get("canonical")) == org_key(system.get("canonical")),
        "ai_model" => {
            let squash = |v| norm(v).unwrap_or_default().replace(' ', "");
            squash(gold.get("canonical")) == squash(system.get("canonical"))
        }
        "quotation" => match (norm(gold.get("speaker")), norm(system.get("speaker"))) {
            (Some(g), Some(s)) => g == s || (s.chars().count() >= 4 && (g.contains(&s) || s.contains(&g))),
            (g, s) => g.is_none() && s.is_none(),
        },
        _ => true,
    }
}

/// A currency as compared: null, `""`, `false`, 0 and empty containers
/// are no currency (Python's falsy values).
fn currency(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    })
}

/// Two numbers equal within a relative 1e-6 of the second (at least 1e-6);
/// two absent (or null) values are equal too. Strings are read as numbers,
/// as Python's `float` reads them.
fn num_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    let (a, b) = match (a.filter(|v| !v.is_null()), b.filter(|v| !v.is_null())) {
        (None, None) => return true,
        (Some(a), Some(b)) => (a, b),
        _ => return false,
    };
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match (number(a), number(b)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        _ => false,
    }
}

/// The text of an attribute as `score.py`'s `str()` gives it: `None` for
/// an absent or null value.
fn attr_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_owned()),
        other => Some(other.to_string()),
    }
}

/// A name as compared: NFKD, combining marks dropped, `’` as `'`,
/// lowercase, each run of whitespace, `-`, `_` and `.` one space, trimmed
/// (`score.py`'s `norm`). `None` for an absent or null value.
pub fn norm(value: Option<&Value>) -> Option<String> {
    let text = attr_text(value)?;
    let lowered: String = text
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    let mut separated = false;
    for c in lowered.chars() {
        if is_separator(c) {
            separated = true;
            continue;
        }
        if separated && !out.is_empty() {
            out.push(' ');
        }
        separated = false;
        out.push(c);
    }
    Some(out)
}

/// What `score.py`'s `[\s\-_.]` matches: Python's whitespace (Unicode
/// White_Space and the information separators U+001C–U+001F), `-`, `_`, `.`.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c) || matches!(c, '-' | '_' | '.')
}

/// An organisation's canonical name as compared: [`norm`], then without
/// the legal-form and generic words at its end, then at its start, keeping
/// at least one word (`Alibaba Group Holding Limited` → `alibaba`, `The
/// Walt Disney Company` → `walt disney`).
pub fn org_key(value: Option<&Value>) -> String {
    let normed = norm(value).unwrap_or_default();
    let mut words: Vec<&str> = normed.split(' ').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL.contains(w)) {
        words.pop();
    }
    while words.len() > 1 && LEGAL.contains(&words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

/// A bar the figures must reach: `KIND:METRIC>=X`, as `--require` takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    /// The kind.
    pub kind: String,
    /// One of [`METRICS`].
    pub metric: String,
    /// The lowest value that passes.
    pub at_least: f64,
}

impl FromStr for Requirement {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            |why: &str| format!("bad requirement {s:?}: {why} (expected KIND:METRIC>=X, e.g. quotation:full_f1>=0.9)");
        let (kind, rest) = s.split_once(':').ok_or_else(|| bad("no ':'"))?;
        let (metric, number) = rest.split_once(">=").ok_or_else(|| bad("no '>='"))?;
        let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !is_word(kind) {
            return Err(bad("the kind is not a word"));
        }
        if !METRICS.contains(&metric) {
            return Err(bad(&format!("unknown metric {metric:?}; one of {}", METRICS.join(", "))));
        }
        let at_least = Some(number)
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .and_then(|n| n.parse::<f64>().ok())
            .ok_or_else(|| bad("the bound is not a number"))?;
        Ok(Requirement { kind: kind.to_owned(), metric: metric.to_owned(), at_least })
    }
}

impl Requirement {
    /// Why `evaluation` fails this requirement (`quotation full_f1 0.612 <
    /// 0.9`), or `None` when it passes. A kind that was not scored counts
    /// as 0.
    pub fn failure(&self, evaluation: &Evaluation) -> Option<String> {
        let value =
            evaluation.metrics.iter().find(|m| m.kind == self.kind).and_then(|m| m.get(&self.metric)).unwrap_or(0.0);
        (value < self.at_least).then(|| format!("{} {} {value:.3} < {:?}", self.kind, self.metric, self.at_least))
    }
}

/// The table `score.py` prints: one row per kind, gold and system counts,
/// lenient P/R/F1, strict F1, full P/R/F1.
pub fn table(evaluation: &Evaluation) -> String {
    let mut out = format!(
        "{:<13}{:>5}{:>5}  {:>20}  {:>9}  {:>20}\n",
        "kind", "gold", "sys", "lenient P/R/F1", "strict F1", "full P/R/F1"
    );
    for m in &evaluation.metrics {
        let _ = writeln!(
            out,
            "{:<13}{:>5}{:>5}  {:.2}/{:.2}/{:.3}  {:>9.3}  {:.2}/{:.2}/{:.3}",
            m.kind, m.gold, m.sys, m.lenient.p, m.lenient.r, m.lenient.f1, m.strict.f1, m.full.p, m.full.r, m.full.f1
        );
    }
    out
}

/// The figures as the JSON object `score.py --json` prints: per kind,
/// `gold`, `sys` and the nine rounded metrics, in [`METRICS`] order.
pub fn to_json(evaluation: &Evaluation) -> Value {
    let kinds = evaluation.metrics.iter().map(|m| {
        let figures = METRICS.iter().map(|&name| {
            let value = match name {
                "gold" => Value::from(m.gold),
                "sys" => Value::from(m.sys),
                _ => Value::from(m.get(name).unwrap_or(0.0)),
            };
            (name.to_owned(), value)
        });
        (m.kind.clone(), Value::Object(figures.collect()))
    });
    Value::Object(kinds.collect())
}

/// The error list of `--errors`, one line each, indented by two spaces:
/// document errors, misses and spurious entities, then attribute errors.
pub fn error_lines(evaluation: &Evaluation) -> impl Iterator<Item = String> + '_ {
    evaluation.findings.iter().chain(&evaluation.attr_errors).map(|f| format!("  {f}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entity(kind: &str, start: u64, end: u64, attrs: Value) -> Entity {
        let Value::Object(attrs) = attrs else { panic!("attrs must be an object") };
        Entity { kind: kind.into(), start, end, text: Some(format!("{start}-{end}")), attrs, scored: true }
    }

    fn unscored(mut e: Entity) -> Entity {
        e.scored = false;
        e
    }

    fn corpus(docs: Vec<(&str, Vec<Entity>)>) -> Corpus {
        let mut corpus = Corpus::default();
        for (name, entities) in docs {
            corpus.insert(Document { name: name.into(), entities, error: None });
        }
        corpus
    }

    fn counts_of(gold: Vec<Entity>, system: Vec<Entity>, kind: &str) -> (Counts, Evaluation) {
        let evaluation = evaluate(&corpus(vec![("d", gold)]), &corpus(vec![("d", system)]), &[kind.to_owned()]);
        (evaluation.counts[0], evaluation)
    }

    fn s(value: &str) -> Value {
        Value::from(value)
    }

    #[test]
    fn the_largest_overlap_is_matched_first_one_to_one() {
        // Gold 0..10 overlaps system 0..4 (4 bytes) and 2..12 (8 bytes):
        // it takes 2..12, and 0..4 is left spurious; gold 11..20 overlaps
        // 2..12 by 1 byte only, and is missed.
        let gold = vec![entity("money", 0, 10, json!({})), entity("money", 11, 20, json!({}))];
        let system = vec![entity("money", 0, 4, json!({})), entity("money", 2, 12, json!({}))];
        let (counts, evaluation) = counts_of(gold, system, "money");
        assert_eq!(counts, Counts { gold: 2, sys: 2, lenient: 1, strict: 0, full: 1 });
        let lines: Vec<String> = error_lines(&evaluation).collect();
        assert_eq!(lines, ["  d: MISS money: \"11-20\"", "  d: SPURIOUS money: \"0-4\""]);
    }

    #[test]
    fn equal_overlaps_go_to_the_later_entities_as_in_score_py() {
        // Both gold entities overlap the one system entity by 2 bytes: the
        // reverse sort of (overlap, gold index, system index) takes gold 1.
        let gold = vec![entity("money", 0, 4, json!({})), entity("money", 6, 10, json!({}))];
        let system = vec![entity("money", 2, 8, json!({}))];
        let (_, evaluation) = counts_of(gold, system, "money");
        assert_eq!(evaluation.findings.len(), 1);
        assert!(matches!(&evaluation.findings[0], Finding::Miss { entity, .. } if entity.start == 0));
    }

    #[test]
    fn strict_needs_identical_spans_and_full_the_right_attributes() {
        let gold = vec![
            entity("money", 0, 10, json!({"value": 1.5e9, "currency": "EUR"})),
            entity("money", 20, 30, json!({"value": 10, "currency": "USD", "max": 20})),
        ];
        let system = vec![
            entity("money", 0, 10, json!({"value": 1_500_000_001.0, "currency": "EUR", "qualifier": null})),
            entity("money", 22, 30, json!({"value": 10, "currency": "USD"})),
        ];
        let (counts, evaluation) = counts_of(gold, system, "money");
        assert_eq!(counts, Counts { gold: 2, sys: 2, lenient: 2, strict: 1, full: 1 });
        assert_eq!(
            error_lines(&evaluation).collect::<Vec<_>>(),
            [
                r#"  d: ATTR money "20-30": gold {"value":10,"currency":"USD","max":20} vs sys {"value":10,"currency":"USD"}"#
            ]
        );
        let metrics = &evaluation.metrics[0];
        assert_eq!((metrics.lenient.f1, metrics.strict.f1, metrics.full.f1), (1.0, 0.5, 0.5));
    }

    #[test]
    fn unscored_gold_is_ignored_and_so_is_what_overlaps_it_unmatched() {
        let gold = vec![
            entity("quotation", 0, 50, json!({"speaker": "Dan Ives"})),
            unscored(entity("quotation", 60, 80, json!({}))),
        ];
        let system = vec![
            // Matched with the scored gold entity although it also overlaps the unscored one.
            entity("quotation", 10, 70, json!({"speaker": "Ives"})),
            // Unmatched, overlapping the unscored one: ignored, not counted.
            entity("quotation", 75, 90, json!({"speaker": null})),
            // Unmatched elsewhere: spurious.
            entity("quotation", 100, 110, json!({"speaker": null})),
        ];
        let (counts, evaluation) = counts_of(gold, system, "quotation");
        assert_eq!(counts, Counts { gold: 1, sys: 2, lenient: 1, strict: 0, full: 1 });
        assert_eq!(error_lines(&evaluation).collect::<Vec<_>>(), ["  d: SPURIOUS quotation: \"100-110\""]);
        // An unscored gold entity alone, nothing found: nothing expected.
        let (counts, _) = counts_of(vec![unscored(entity("quotation", 0, 5, json!({})))], vec![], "quotation");
        assert_eq!(counts, Counts::default());
        assert_eq!(Prf::new(0, 0, 0), Prf { p: 1.0, r: 1.0, f1: 1.0 });
    }

    #[test]
    fn speakers_agree_when_equal_or_one_inside_the_other_from_four_characters() {
        let agree = |gold: Value, system: Value| {
            attrs_agree(
                "quotation",
                json!({"speaker": gold}).as_object().unwrap(),
                json!({"speaker": system}).as_object().unwrap(),
            )
        };
        assert!(agree(s("Dan Ives"), s("Dan Ives")));
        assert!(agree(s("Dan Ives"), s("dan  IVES")));
        assert!(agree(s("Dan Ives"), s("Ives")), "the system's is inside the gold, 4 characters");
        assert!(agree(s("Ives"), s("Dan Ives")), "the gold's is inside the system's");
        assert!(!agree(s("Dan Ives"), s("Dan")), "3 characters are too few");
        assert!(agree(s("Ive"), s("Ive Dan")), "the length that counts is the system's");
        assert!(agree(s("Élisabeth Borne"), s("Elisabeth Borne")));
        assert!(agree(s("Jean-Noël Barrot"), s("Jean Noël Barrot")));
        assert!(agree(Value::Null, Value::Null));
        assert!(!agree(s("Dan Ives"), Value::Null));
        assert!(!agree(Value::Null, s("Dan Ives")));
        assert!(!agree(s("Dan Ives"), s("Sam Altman")));
        // Absent is null.
        assert!(attrs_agree("quotation", &Map::new(), &Map::new()));
    }

    #[test]
    fn organisation_keys_drop_legal_and_generic_words() {
        let key = |name: &str| org_key(Some(&s(name)));
        assert_eq!(key("Alibaba Group Holding Limited"), "alibaba");
        assert_eq!(key("Meta Platforms"), "meta");
        assert_eq!(key("Mistral AI"), "mistral");
        assert_eq!(key("The Walt Disney Company"), "walt disney");
        assert_eq!(key("Groupe SEB"), "seb");
        assert_eq!(key("Société Générale"), "societe generale");
        assert_eq!(key("L’Oréal"), "l'oreal");
        assert_eq!(key("Wa’ed Ventures"), "wa'ed ventures");
        assert_eq!(key("Amazon.com, Inc."), "amazon com,", "a comma stays, glued to its word");
        assert_eq!(key("Amazon.com Inc."), "amazon com");
        assert_eq!(key("AI"), "ai", "one word is always kept");
        assert_eq!(key("The AI"), "the", "the end first, then the start");
        assert_eq!(key("  Le_Monde -- SA "), "monde");
        assert_eq!(key("ministère des Armées"), key("Ministère des armées"));
        assert_eq!(org_key(None), "");
        assert_eq!(org_key(Some(&Value::Null)), "");
        let agree = |g: &str, s: &str| {
            attrs_agree(
                "organization",
                json!({"canonical": g}).as_object().unwrap(),
                json!({"canonical": s}).as_object().unwrap(),
            )
        };
        assert!(agree("Mistral AI", "Mistral"));
        assert!(!agree("Mistral AI", "Meta"));
    }

    #[test]
    fn norm_folds_compatibility_forms_marks_and_separators() {
        assert_eq!(norm(Some(&s("Ｇｏｏｇｌｅ\u{a0}Ｃｌｏｕｄ"))).as_deref(), Some("google cloud"));
        assert_eq!(norm(Some(&s(" GPT-4o\u{202f}mini. "))).as_deref(), Some("gpt 4o mini"));
        assert_eq!(norm(Some(&s("ﬁ"))).as_deref(), Some("fi"));
        assert_eq!(norm(Some(&s("---"))).as_deref(), Some(""));
        assert_eq!(norm(Some(&json!(42))).as_deref(), Some("42"));
        assert_eq!(norm(None), None);
        let squash_agree = |g: &str, s: &str| {
            attrs_agree(
                "ai_model",
                json!({"canonical": g}).as_object().unwrap(),
                json!({"canonical": s}).as_object().unwrap(),
            )
        };
        assert!(squash_agree("Qwen 3", "Qwen3"));
        assert!(squash_agree("GPT-4o", "GPT 4o"));
        assert!(!squash_agree("GPT-4o", "GPT-4"));
    }

    #[test]
    fn money_values_agree_within_a_millionth() {
        let agree = |g: Value, s: Value| attrs_agree("money", g.as_object().unwrap(), s.as_object().unwrap());
        assert!(agree(json!({"value": 1e9, "currency": "EUR"}), json!({"value": 1_000_000_999, "currency": "EUR"})));
        assert!(!agree(json!({"value": 1e9, "currency": "EUR"}), json!({"value": 1_000_001_001, "currency": "EUR"})));
        assert!(agree(json!({"value": 0.5}), json!({"value": 0.500_000_9, "currency": ""})), "at least 1e-6");
        assert!(!agree(json!({"value": 5, "currency": "EUR"}), json!({"value": 5, "currency": "USD"})));
        assert!(agree(json!({"value": 5, "currency": null}), json!({"value": 5})));
        assert!(!agree(json!({"value": 5, "max": 7}), json!({"value": 5})));
        assert!(agree(json!({"value": 5, "max": null}), json!({"value": 5})));
        assert!(agree(json!({"value": "5"}), json!({"value": 5})), "a string is read as float() reads it");
        assert!(!agree(json!({"value": 5}), json!({"value": "five"})));
        assert!(agree(json!({}), json!({})));
        // Other kinds: always.
        assert!(attrs_agree("person", &Map::new(), json!({"canonical": "X"}).as_object().unwrap()));
    }

    #[test]
    fn rounding_is_pythons() {
        assert_eq!(round3(1.0 / 16.0), 0.062, "ties to even");
        assert_eq!(round3(3.0 / 16.0), 0.188);
        assert_eq!(round3(2.0 / 3.0), 0.667);
        assert_eq!(round3(0.6665), 0.666, "0.6665 is a little below it in binary");
        assert_eq!(round3(0.8445), 0.845, "0.8445 a little above");
        let prf = Prf::new(2, 3, 4);
        assert_eq!(prf, Prf { p: 0.5, r: 0.667, f1: 0.571 });
        assert_eq!(Prf::new(0, 3, 0), Prf { p: 0.0, r: 0.0, f1: 0.0 });
        assert_eq!(Prf::new(0, 0, 2), Prf { p: 0.0, r: 1.0, f1: 0.0 });
    }

    #[test]
    fn requirements_parse_and_fail_below_the_bar() {
        let req: Requirement = "quotation:full_f1>=0.9".parse().expect("valid");
        assert_eq!(req, Requirement { kind: "quotation".into(), metric: "full_f1".into(), at_least: 0.9 });
        assert_eq!("money:gold>=3".parse::<Requirement>().map(|r| r.at_least), Ok(3.0));
        assert_eq!("money:lenient_p>=.5".parse::<Requirement>().map(|r| r.at_least), Ok(0.5));
        for bad in [
            "quotation:full_f1>0.9",
            "quotation full_f1>=0.9",
            "quotation:f1>=0.9",
            "quotation:full_f1>=",
            "quotation:full_f1>=1.2.3",
            "quotation:full_f1>=-1",
            "quotation:full_f1>=0.9x",
            ":full_f1>=0.9",
            "quo-tation:full_f1>=0.9",
        ] {
            assert!(bad.parse::<Requirement>().is_err(), "{bad} should be refused");
        }
        let err = "quotation:f1>=0.9".parse::<Requirement>().expect_err("unknown metric");
        assert!(err.contains("unknown metric \"f1\"") && err.contains("full_f1"), "{err}");

        let gold = vec![entity("quotation", 0, 10, json!({"speaker": "A B"})), entity("quotation", 20, 30, json!({}))];
        let (_, evaluation) = counts_of(gold, vec![entity("quotation", 0, 10, json!({"speaker": "A B"}))], "quotation");
        assert_eq!(req.failure(&evaluation).as_deref(), Some("quotation full_f1 0.667 < 0.9"));
        assert_eq!("quotation:full_p>=1".parse::<Requirement>().expect("valid").failure(&evaluation), None);
        assert_eq!(
            "money:full_p>=0.5".parse::<Requirement>().expect("valid").failure(&evaluation).as_deref(),
            Some("money full_p 0.000 < 0.5"),
            "a kind not scored counts as 0"
        );
    }

    #[test]
    fn lines_are_read_with_their_errors_located() {
        let text = "{\"source\": \"a/b/d1.txt\", \"entities\": [{\"kind\": \"money\", \"start\": 1, \"end\": 3, \
                    \"text\": \"x\", \"scored\": false, \"note\": \"why\"}]}\n\n\
                    {\"source\": \"d2.txt\", \"error\": \"cannot read\"}\n";
        let corpus = Corpus::read_from(text.as_bytes(), "gold.jsonl").expect("valid");
        assert_eq!(corpus.len(), 2);
        let d1 = corpus.get("d1.txt").expect("by basename");
        assert!(!d1.entities[0].scored);
        assert_eq!(corpus.get("d2.txt").and_then(|d| d.error.as_deref()), Some("cannot read"));
        assert_eq!(corpus.kinds(), ["money"]);

        for (text, error) in [
            ("{\"source\": \"a\"}\n{oops", "gold.jsonl:2: invalid JSON: "),
            ("[1]", "gold.jsonl:1: not a JSON object"),
            ("{\"entities\": []}", "gold.jsonl:1: no \"source\" string"),
            ("{\"source\": \"a\", \"entities\": {}}", "gold.jsonl:1: \"entities\" is not an array"),
            (
                "{\"source\": \"a\", \"entities\": [{\"kind\": \"money\", \"start\": 1}]}",
                "gold.jsonl:1: entity 0: no \"end\"",
            ),
            ("{\"source\": \"a\", \"entities\": [{\"start\": 1, \"end\": 2}]}", "gold.jsonl:1: entity 0: no \"kind\""),
            (
                "{\"source\": \"a\", \"entities\": [{\"kind\": \"x\", \"start\": 5, \"end\": 2}]}",
                "gold.jsonl:1: entity 0: \"end\" 2 is before \"start\" 5",
            ),
            (
                "{\"source\": \"a\", \"entities\": [{\"kind\": \"x\", \"start\": 1, \"end\": 2, \"attrs\": 3}]}",
                "gold.jsonl:1: entity 0: \"attrs\"",
            ),
        ] {
            let err = Corpus::read_from(text.as_bytes(), "gold.jsonl").expect_err(text);
            assert!(err.starts_with(error), "{err}");
        }
        let err = Corpus::read_from(&b"{\"source\": \"a\"}\n\xff\n"[..], "out.jsonl").expect_err("not UTF-8");
        assert!(err.starts_with("out.jsonl:2: not UTF-8"), "{err}");
    }

    #[test]
    fn kinds_come_in_the_table_order_then_sorted() {
        let gold = corpus(vec![
            ("a", vec![entity("percentage", 0, 1, json!({})), entity("quotation", 0, 1, json!({}))]),
            ("b", vec![unscored(entity("money", 0, 1, json!({}))), entity("person", 0, 1, json!({}))]),
        ]);
        assert_eq!(gold.kinds(), ["money", "quotation", "percentage", "person"]);
    }

    #[test]
    fn absent_documents_miss_everything_and_errors_are_listed() {
        let gold =
            corpus(vec![("a", vec![entity("money", 0, 5, json!({}))]), ("b", vec![entity("money", 0, 5, json!({}))])]);
        let mut system = Corpus::default();
        system.insert(Document { name: "b".into(), entities: vec![], error: Some("plugin money failed".into()) });
        system.insert(Document { name: "other".into(), entities: vec![entity("money", 0, 5, json!({}))], error: None });
        let evaluation = evaluate(&gold, &system, &["money".to_owned()]);
        assert_eq!(evaluation.absent, ["a"]);
        assert_eq!(evaluation.counts[0], Counts { gold: 2, sys: 0, lenient: 0, strict: 0, full: 0 });
        assert_eq!(
            error_lines(&evaluation).collect::<Vec<_>>(),
            ["  a: MISS money: \"0-5\"", "  b: document error: plugin money failed", "  b: MISS money: \"0-5\""]
        );
    }

    #[test]
    fn the_table_and_the_json_have_score_pys_columns() {
        let gold = vec![entity("money", 0, 10, json!({"value": 1})), entity("money", 20, 30, json!({"value": 2}))];
        let system = vec![entity("money", 0, 10, json!({"value": 1})), entity("money", 22, 30, json!({"value": 3}))];
        let (_, evaluation) = counts_of(gold, system, "money");
        assert_eq!(
            table(&evaluation),
            "kind          gold  sys        lenient P/R/F1  strict F1           full P/R/F1\n\
             money            2    2  1.00/1.00/1.000      0.500  0.50/0.50/0.500\n"
        );
        assert_eq!(
            to_json(&evaluation).to_string(),
            r#"{"money":{"gold":2,"sys":2,"lenient_p":1.0,"lenient_r":1.0,"lenient_f1":1.0,"strict_p":0.5,"strict_r":0.5,"strict_f1":0.5,"full_p":0.5,"full_r":0.5,"full_f1":0.5}}"#
        );
    }

    #[test]
    fn basenames_are_what_follows_the_last_slash() {
        assert_eq!(basename("a/b/d01.txt"), "d01.txt");
        assert_eq!(basename("d01.txt"), "d01.txt");
        assert_eq!(basename("dir/"), "");
        assert_eq!(basename("-"), "-");
    }
}
