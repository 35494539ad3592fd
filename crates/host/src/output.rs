//! Writing document lines: JSON Lines (the contract of SPEC.md), one JSON
//! array, or an aligned table for a terminal.

use std::io::{self, Write};

use glaneur_schema::output::{DocumentLine, OutputEntity};
use serde_json::Value;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per document per line (SPEC.md).
    Jsonl,
    /// One JSON array of those objects, pretty-printed.
    Json,
    /// Aligned columns for reading in a terminal.
    Table,
}

/// Writes document lines in a format, one at a time.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    written: u64,
}

impl<W: Write> Writer<W> {
    /// A writer of `format` into `out`.
    pub fn new(out: W, format: Format) -> Self {
        Writer { out, format, written: 0 }
    }

    /// Writes one document.
    pub fn write(&mut self, line: &DocumentLine) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, line)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, line)?;
            }
            Format::Table => write_table(&mut self.out, line)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the output (closes the JSON array) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_table(out: &mut impl Write, line: &DocumentLine) -> io::Result<()> {
    let entities = line.entities.as_deref().unwrap_or_default();
    match (&line.error, line.bytes) {
        (Some(error), None) => writeln!(out, "{}  ERROR: {error}", line.source)?,
        (error, bytes) => {
            let encoding = line.encoding.as_deref().map(|e| format!(", {e}")).unwrap_or_default();
            writeln!(out, "{}  ({} bytes{encoding}, {} entities)", line.source, bytes.unwrap_or(0), entities.len())?;
            if let Some(error) = error {
                writeln!(out, "  ERROR: {error}")?;
            }
        }
    }
    let rows: Vec<[String; 4]> = entities
        .iter()
        .map(|e| [format!("{}..{}", e.start, e.end), e.kind.clone(), one_line(&e.text, 60), attrs_summary(e)])
        .collect();
    let widths: Vec<usize> = (0..3).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for row in &rows {
        write!(out, " ")?;
        for (cell, width) in row.iter().zip(&widths) {
            write!(out, " {cell}{} ", " ".repeat(width - cell.chars().count()))?;
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
    use serde_json::json;

    fn line() -> DocumentLine {
        let attrs = json!({"value": 10, "currency": "USD", "rule": "digits"}).as_object().cloned().expect("object");
        DocumentLine {
            source: "a.txt".into(),
            bytes: Some(20),
            encoding: None,
            entities: Some(vec![OutputEntity {
                kind: "money".into(),
                start: 0,
                end: 4,
                text: "10 $".into(),
                extractor: "money".into(),
                confidence: 0.9,
                attrs,
            }]),
            error: None,
        }
    }

    fn render(format: Format, lines: &[DocumentLine]) -> String {
        let mut writer = Writer::new(Vec::new(), format);
        for l in lines {
            writer.write(l).expect("write to memory");
        }
        String::from_utf8(writer.finish().expect("flush")).expect("utf-8")
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let out = render(Format::Jsonl, &[line(), line()]);
        assert_eq!(out.lines().count(), 2);
        let back: DocumentLine = serde_json::from_str(out.lines().next().expect("a line")).expect("valid JSON");
        assert_eq!(back, line());
    }

    #[test]
    fn json_is_one_array() {
        let parsed: Vec<DocumentLine> = serde_json::from_str(&render(Format::Json, &[line(), line()])).expect("array");
        assert_eq!(parsed.len(), 2);
        assert_eq!(render(Format::Json, &[]), "[]\n");
    }

    #[test]
    fn table_shows_span_kind_text_and_attrs() {
        let out = render(Format::Table, &[line()]);
        assert!(out.contains("a.txt  (20 bytes, 1 entities)"), "{out}");
        assert!(out.contains("0..4  money  10 $  value=10 currency=USD"), "{out}");
        assert!(!out.contains("rule="));
    }
}
