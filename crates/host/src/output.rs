//! Writing the results: JSON Lines (the contract of SPEC.md), one JSON
//! array, an aligned table for a terminal, CSV (one row per entity), and a
//! self-contained HTML page.

use std::io::{self, Write};

use glaneur_schema::output::{DocumentLine, OutputEntity, SharedNames};
use serde_json::{json, Value};

use crate::runner::Processed;
use crate::summary::Summary;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per document per line (SPEC.md).
    Jsonl,
    /// One JSON array of those objects, pretty-printed.
    Json,
    /// Aligned columns for reading in a terminal.
    Table,
    /// One row per entity, attributes as columns.
    Csv,
    /// One self-contained HTML page: the documents with their entities
    /// highlighted, and a summary of the corpus (keeps the corpus in memory).
    Html,
}

/// The CSV columns of an entity's own fields.
const CSV_FIELDS: &[&str] = &["source", "kind", "start", "end", "text", "extractor", "confidence"];

/// The CSV columns after the entity's own: every attribute of the kinds
/// SPEC.md defines; other attributes go, as JSON, in `other_attrs`.
const CSV_ATTRS: &[&str] = &[
    "value",
    "max",
    "currency",
    "currency_inferred",
    "qualifier",
    "canonical",
    "category",
    "family",
    "vendor",
    "type",
    "content",
    "speaker",
    "form",
    "implicit",
    "gender",
    "rule",
];

/// Writes documents in a format, one at a time.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    written: u64,
    /// Colours in the table (a terminal, and `NO_COLOR` unset).
    color: bool,
    /// HTML: the documents so far, and the summary.
    page: Vec<Value>,
    summary: Summary,
    /// JSON Lines: the line being written, kept to reuse its allocation.
    line: Vec<u8>,
    /// JSON Lines: the kinds and extractors written, kept across lines.
    names: SharedNames,
}

impl<W: Write> Writer<W> {
    /// A writer of `format` into `out`; `color` for the table.
    pub fn new(out: W, format: Format, color: bool) -> Self {
        Writer {
            out,
            format,
            written: 0,
            color,
            page: Vec::new(),
            summary: Summary::default(),
            line: Vec::new(),
            names: SharedNames::default(),
        }
    }

    /// Writes one document.
    pub fn write(&mut self, done: &Processed) -> io::Result<()> {
        let line = &done.line;
        match self.format {
            Format::Jsonl => {
                self.line.clear();
                line.write_json_sharing(&mut self.line, &mut self.names);
                self.line.push(b'\n');
                self.out.write_all(&self.line)?;
            }
            Format::Json => {
                self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                // Through a value, so that the attrs (kept as compact text)
                // are indented like the rest.
                serde_json::to_writer_pretty(&mut self.out, &serde_json::to_value(line)?)?;
            }
            Format::Table => write_table(&mut self.out, line, self.color)?,
            Format::Csv => self.write_csv(line)?,
            Format::Html => {
                self.summary.add(line, Some(done.text()));
                self.page.push(page_document(line, done.text()));
            }
        }
        self.written += 1;
        Ok(())
    }

    fn write_csv(&mut self, line: &DocumentLine) -> io::Result<()> {
        let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(&mut self.out);
        if self.written == 0 {
            let header = CSV_FIELDS.iter().chain(CSV_ATTRS).chain(&["other_attrs"]);
            csv.write_record(header).map_err(io::Error::other)?;
        }
        for e in line.entities.iter().flatten() {
            // Field by field, borrowed: no row of copies per entity.
            let numbers = [e.start.to_string(), e.end.to_string()];
            let own = [line.source.as_str(), &e.kind, &numbers[0], &numbers[1], line.text_of(e), &e.extractor];
            for field in own {
                csv.write_field(field).map_err(io::Error::other)?;
            }
            csv.write_field(e.confidence.to_string()).map_err(io::Error::other)?;
            let attrs = e.attrs.to_map();
            for key in CSV_ATTRS {
                match attrs.get(*key) {
                    None | Some(Value::Null) => csv.write_field(""),
                    Some(Value::String(s)) => csv.write_field(s),
                    Some(other) => csv.write_field(other.to_string()),
                }
                .map_err(io::Error::other)?;
            }
            let other: serde_json::Map<String, Value> =
                attrs.into_iter().filter(|(k, _)| !CSV_ATTRS.contains(&k.as_str())).collect();
            let other = if other.is_empty() { String::new() } else { Value::Object(other).to_string() };
            csv.write_field(other).map_err(io::Error::other)?;
            csv.write_record(None::<&[u8]>).map_err(io::Error::other)?;
        }
        if let Some(error) = &line.error {
            let mut row = vec![line.source.as_str(), "error", "", "", error.as_str()];
            row.resize(CSV_FIELDS.len() + CSV_ATTRS.len() + 1, "");
            csv.write_record(&row).map_err(io::Error::other)?;
        }
        csv.flush()
    }

    /// The output, with nothing written to end the format: for a run that
    /// prints something else instead of the documents (`glaneur summary`).
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Ends the output (closes the JSON array, writes the page) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json => self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?,
            Format::Html => {
                let summary = std::mem::take(&mut self.summary).finish();
                write_page(&mut self.out, std::mem::take(&mut self.page), &summary)?;
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The page template (assets/report.html); the data replaces its placeholder.
const TEMPLATE: &str = include_str!("../assets/report.html");
const PLACEHOLDER: &str = "/*GLANEUR_DATA*/null";

/// A document as the page reads it: offsets in UTF-16 code units, as
/// JavaScript strings count.
fn page_document(line: &DocumentLine, text: &str) -> Value {
    let mut utf16 = Utf16Offsets::new(text);
    let entities: Vec<Value> = line
        .entities
        .iter()
        .flatten()
        .filter(|e| (e.end as usize) <= text.len())
        .map(|e| {
            let s = utf16.at(e.start as usize);
            let entity_text = line.text_of(e);
            let len: usize = entity_text.encode_utf16().count();
            json!({"kind": e.kind, "s": s, "e": s + len, "text": entity_text, "confidence": e.confidence, "attrs": e.attrs})
        })
        .collect();
    json!({"source": line.source, "text": text, "error": line.error, "entities": entities})
}

/// UTF-8 → UTF-16 offsets for increasing positions, in one pass.
struct Utf16Offsets<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets { text, byte: 0, unit: 0 }
    }

    /// The UTF-16 offset of byte offset `at` (positions must not decrease
    /// by much: entities come sorted by start).
    fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            (self.byte, self.unit) = (0, 0);
        }
        self.unit += self.text[self.byte..at].encode_utf16().count();
        self.byte = at;
        self.unit
    }
}

/// Writes the HTML page of `documents` and `summary`: the template with
/// the data in place of its placeholder, streamed (the corpus is not copied
/// into one string, then another).
fn write_page(out: &mut impl Write, documents: Vec<Value>, summary: &Summary) -> io::Result<()> {
    let kinds: Vec<&String> = summary.entities_by_kind.keys().collect(); // sorted: a BTreeMap
    let title = format!("glaneur — {} document{}", summary.documents, if summary.documents == 1 { "" } else { "s" });
    let data = json!({"title": title, "kinds": kinds, "documents": documents, "summary": summary});
    let (head, tail) =
        TEMPLATE.split_once(PLACEHOLDER).ok_or_else(|| io::Error::other("the page has no placeholder"))?;
    out.write_all(head.as_bytes())?;
    serde_json::to_writer(EscapeLt(&mut *out), &data)?;
    out.write_all(tail.as_bytes())
}

/// Writes JSON with every `<` as `\u003c`: `</script>` would end the element
/// the data sits in, and `<!--<script` would change how the browser reads it.
struct EscapeLt<W: Write>(W);

impl<W: Write> Write for EscapeLt<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (k, part) in buf.split(|&b| b == b'<').enumerate() {
            if k > 0 {
                self.0.write_all(b"\\u003c")?;
            }
            self.0.write_all(part)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// ANSI colour of a kind in the table.
fn kind_color(kind: &str) -> &'static str {
    match kind {
        "money" => "\x1b[32m",
        "organization" => "\x1b[34m",
        "quotation" => "\x1b[33m",
        "ai_model" => "\x1b[35m",
        "person" => "\x1b[36m",
        "percentage" => "\x1b[95m",
        _ => "\x1b[37m",
    }
}

fn write_table(out: &mut impl Write, line: &DocumentLine, color: bool) -> io::Result<()> {
    let entities = line.entities.as_deref().unwrap_or_default();
    let (bold, red, reset) = if color { ("\x1b[1m", "\x1b[31m", "\x1b[0m") } else { ("", "", "") };
    match (&line.error, line.bytes) {
        (Some(error), None) => writeln!(out, "{bold}{}{reset}  {red}ERROR: {error}{reset}", line.source)?,
        (error, bytes) => {
            let encoding = line.encoding.as_deref().map(|e| format!(", {e}")).unwrap_or_default();
            writeln!(
                out,
                "{bold}{}{reset}  ({} bytes{encoding}, {} entities)",
                line.source,
                bytes.unwrap_or(0),
                entities.len()
            )?;
            if let Some(error) = error {
                writeln!(out, "  {red}ERROR: {error}{reset}")?;
            }
        }
    }
    let rows: Vec<[String; 4]> = entities
        .iter()
        .map(|e| {
            [format!("{}..{}", e.start, e.end), e.kind.to_string(), one_line(line.text_of(e), 60), attrs_summary(e)]
        })
        .collect();
    let widths: Vec<usize> = (0..3).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for (row, e) in rows.iter().zip(entities) {
        write!(out, " ")?;
        for (c, (cell, width)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(width - cell.chars().count());
            if color && c == 1 {
                write!(out, " {}{cell}{reset}{pad} ", kind_color(&e.kind))?;
            } else {
                write!(out, " {cell}{pad} ")?;
            }
        }
        writeln!(out, " {}", row[3])?;
    }
    writeln!(out)
}

/// `text` on one line, cut to `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    if flat.chars().count() <= max {
        flat
    } else {
        flat.chars().take(max - 1).chain(std::iter::once('…')).collect()
    }
}

/// `key=value` pairs of the attrs worth reading at a glance (not `rule`).
fn attrs_summary(entity: &OutputEntity) -> String {
    entity
        .attrs
        .to_map()
        .iter()
        .filter(|(k, v)| k.as_str() != "rule" && k.as_str() != "content" && !v.is_null())
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={}", one_line(s, 40)),
            other => format!("{k}={other}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::output::{Attrs, EntityText, SharedText};

    fn done() -> Processed {
        let attrs = Attrs::new(r#"{"value":10,"currency":"USD","rule":"digits","extra":1}"#).expect("valid JSON");
        let line = DocumentLine {
            source: "a.txt".into(),
            warc_record_id: None,
            date: None,
            bytes: Some(20),
            encoding: None,
            entities: Some(vec![OutputEntity {
                kind: "money".into(),
                start: 4,
                end: 8,
                // Read from the document: "10 $".
                text: EntityText::IN_DOCUMENT,
                extractor: "money".into(),
                confidence: 0.9,
                attrs,
            }]),
            error: None,
            document: SharedText::new("é: 10 $ </script>".into()),
        };
        Processed { line }
    }

    fn render(format: Format, color: bool, docs: &[Processed]) -> String {
        let mut writer = Writer::new(Vec::new(), format, color);
        for d in docs {
            writer.write(d).expect("write to memory");
        }
        String::from_utf8(writer.finish().expect("flush")).expect("utf-8")
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let out = render(Format::Jsonl, false, &[done(), done()]);
        assert_eq!(out.lines().count(), 2);
        let back: DocumentLine = serde_json::from_str(out.lines().next().expect("a line")).expect("valid JSON");
        // Read back, the entity holds its text (the written one read it
        // from the document): the same line, written again.
        assert_eq!(back.text_of(&back.entities.as_ref().expect("entities")[0]), "10 $");
        let again = serde_json::to_string(&back).expect("serialisable");
        assert_eq!(again, serde_json::to_string(&done().line).expect("serialisable"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The hand-written JSON Lines are what serde_json writes, whatever the strings and numbers.
        #[test]
        fn jsonl_is_what_serde_json_writes(
            source in "\\PC*|[\\x00-\\x7f]*",
            optional in proptest::option::of("[\\x00-\\x7f]{0,12}"),
            bytes in proptest::option::of(proptest::num::u64::ANY),
            texts in proptest::option::of(proptest::collection::vec(("\\PC*|[\\x00-\\x7f]*", proptest::num::u64::ANY, proptest::num::f64::ANY), 0..4)),
        ) {
            let entities = texts.map(|texts| {
                texts
                    .into_iter()
                    .map(|(text, start, confidence)| OutputEntity {
                        kind: "money".into(),
                        start,
                        end: start / 2,
                        text: text.into(),
                        extractor: "quo\"tes\u{1}".into(),
                        confidence,
                        attrs: Attrs::new(r#"{"a": [1, "é\n"]}"#).expect("valid JSON"),
                    })
                    .collect()
            });
            let line = DocumentLine {
                source,
                warc_record_id: optional.clone(),
                date: optional.clone().map(|d| d + "\t"),
                bytes,
                encoding: optional.clone(),
                entities,
                error: optional,
                document: SharedText::default(),
            };
            let mut expected = serde_json::to_string(&line).expect("serialisable");
            expected.push('\n');
            let written = render(Format::Jsonl, false, &[Processed { line }]);
            proptest::prop_assert_eq!(written, expected);
        }
    }

    #[test]
    fn json_is_one_array() {
        let parsed: Vec<DocumentLine> =
            serde_json::from_str(&render(Format::Json, false, &[done(), done()])).expect("array");
        assert_eq!(parsed.len(), 2);
        assert_eq!(render(Format::Json, false, &[]), "[]\n");
        // Pretty all through, attrs included.
        assert!(render(Format::Json, false, &[done()]).contains("\"attrs\": {\n        \"value\": 10,\n"));
    }

    #[test]
    fn table_shows_span_kind_text_and_attrs_with_colour_only_when_asked() {
        let out = render(Format::Table, false, &[done()]);
        assert!(out.contains("4..8  money  10 $  value=10 currency=USD"), "{out}");
        assert!(!out.contains("rule=") && !out.contains('\x1b'));
        assert!(render(Format::Table, true, &[done()]).contains("\x1b[32mmoney\x1b[0m"));
    }

    #[test]
    fn csv_has_a_row_per_entity_and_attrs_as_columns() {
        let out = render(Format::Csv, false, &[done(), done()]);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let header = reader.headers().expect("header").clone();
        assert_eq!(&header[0], "source");
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), 2);
        let col = |name: &str| header.iter().position(|h| h == name).expect("column");
        assert_eq!(&rows[0][col("currency")], "USD");
        assert_eq!(&rows[0][col("value")], "10");
        assert_eq!(&rows[0][col("other_attrs")], r#"{"extra":1}"#);
    }

    #[test]
    fn html_embeds_the_data_safely_with_utf16_offsets() {
        let out = render(Format::Html, false, &[done()]);
        assert!(!out.contains(PLACEHOLDER));
        assert!(out.contains("\\u003c/script>"), "the text's </script> is escaped");
        let start = out.find(r#""s":"#).expect("an entity offset");
        // `10 $` starts at byte 4 of `é: 10 $`; `é` is two bytes but one UTF-16 unit.
        assert!(out[start..].starts_with(r#""s":3,"e":7"#), "{}", &out[start..start + 12]);
    }
}
