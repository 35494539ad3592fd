//! Writing the results: JSON Lines (the contract of SPEC.md), one JSON
//! array, an aligned table for a terminal, CSV (one row per entity), and a
//! self-contained HTML page.

use std::io::{self, Write};

use glaneur_schema::output::{DocumentLine, OutputEntity};
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
    /// CSV: whether the header row is written.
    csv_header: bool,
    /// HTML: the documents so far, and the summary.
    page: Vec<Value>,
    summary: Summary,
}

impl<W: Write> Writer<W> {
    /// A writer of `format` into `out`; `color` for the table.
    pub fn new(out: W, format: Format, color: bool) -> Self {
        Writer { out, format, written: 0, color, csv_header: false, page: Vec::new(), summary: Summary::default() }
    }

    /// Writes one document.
    pub fn write(&mut self, done: &Processed) -> io::Result<()> {
        let line = &done.line;
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, line)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, line)?;
            }
            Format::Table => write_table(&mut self.out, line, self.color)?,
            Format::Csv => self.write_csv(line)?,
            Format::Html => {
                self.summary.add(line, Some(&done.text));
                self.page.push(page_document(line, &done.text));
            }
        }
        self.written += 1;
        Ok(())
    }

    fn write_csv(&mut self, line: &DocumentLine) -> io::Result<()> {
        let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(&mut self.out);
        if !self.csv_header {
            let mut header = vec!["source", "kind", "start", "end", "text", "extractor", "confidence"];
            header.extend(CSV_ATTRS);
            header.push("other_attrs");
            csv.write_record(&header).map_err(io::Error::other)?;
            self.csv_header = true;
        }
        let cell = |v: Option<&Value>| match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        for e in line.entities.iter().flatten() {
            let mut row = vec![
                line.source.clone(),
                e.kind.clone(),
                e.start.to_string(),
                e.end.to_string(),
                e.text.clone(),
                e.extractor.clone(),
                e.confidence.to_string(),
            ];
            row.extend(CSV_ATTRS.iter().map(|k| cell(e.attrs.get(*k))));
            let other: serde_json::Map<String, Value> = e
                .attrs
                .iter()
                .filter(|(k, _)| !CSV_ATTRS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            row.push(if other.is_empty() { String::new() } else { Value::Object(other).to_string() });
            csv.write_record(&row).map_err(io::Error::other)?;
        }
        if let Some(error) = &line.error {
            let mut row = vec![line.source.clone(), "error".into(), String::new(), String::new(), error.clone()];
            row.resize(8 + CSV_ATTRS.len(), String::new());
            csv.write_record(&row).map_err(io::Error::other)?;
        }
        csv.flush()
    }

    /// Ends the output (closes the JSON array, writes the page) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json => self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?,
            Format::Html => {
                let summary = std::mem::take(&mut self.summary).finish();
                let page = render_page(std::mem::take(&mut self.page), &summary)?;
                self.out.write_all(page.as_bytes())?;
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
            let len: usize = e.text.encode_utf16().count();
            json!({"kind": e.kind, "s": s, "e": s + len, "text": e.text, "confidence": e.confidence, "attrs": e.attrs})
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

/// The HTML page of `documents` and `summary`.
fn render_page(documents: Vec<Value>, summary: &Summary) -> io::Result<String> {
    let mut kinds: Vec<&String> = summary.entities_by_kind.keys().collect();
    kinds.sort();
    let title = format!("glaneur — {} document{}", summary.documents, if summary.documents == 1 { "" } else { "s" });
    let data = json!({"title": title, "kinds": kinds, "documents": documents, "summary": summary});
    // No `<` at all in the data: `</script>` would end the element it sits
    // in, and `<!--<script` would change how the browser reads it.
    let data = serde_json::to_string(&data)?.replace('<', "\\u003c");
    Ok(TEMPLATE.replacen(PLACEHOLDER, &data, 1))
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
        .map(|e| [format!("{}..{}", e.start, e.end), e.kind.clone(), one_line(&e.text, 60), attrs_summary(e)])
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

    fn done() -> Processed {
        let attrs =
            json!({"value": 10, "currency": "USD", "rule": "digits", "extra": 1}).as_object().cloned().expect("object");
        let line = DocumentLine {
            source: "a.txt".into(),
            bytes: Some(20),
            encoding: None,
            entities: Some(vec![OutputEntity {
                kind: "money".into(),
                start: 4,
                end: 8,
                text: "10 $".into(),
                extractor: "money".into(),
                confidence: 0.9,
                attrs,
            }]),
            error: None,
        };
        Processed { line, text: "é: 10 $ </script>".into() }
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
        assert_eq!(back, done().line);
    }

    #[test]
    fn json_is_one_array() {
        let parsed: Vec<DocumentLine> =
            serde_json::from_str(&render(Format::Json, false, &[done(), done()])).expect("array");
        assert_eq!(parsed.len(), 2);
        assert_eq!(render(Format::Json, false, &[]), "[]\n");
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
