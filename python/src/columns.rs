//! The entities of many documents as Arrow columns (`glaneur.COLUMNS`, in
//! python/glaneur/_frame.py): one row per entity, and one row with only an
//! id and an error for each document with an error, so that nothing is
//! lost silently. The columns are written here as Arrow's buffers (validity
//! bits, offsets, values), so that Python makes each column's array from
//! them at once (`pyarrow.Array.from_buffers`), with no Python object per
//! row: what `extract_frame` and the Spark function read.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::engine::Done;

/// A column's string data past which a new chunk (a record batch) starts:
/// Arrow's `string` type has 32-bit offsets.
const CHUNK_BYTES: usize = 1 << 30;

/// Validity bits, least significant first, 1 for a value.
#[derive(Default)]
struct Validity {
    bits: Vec<u8>,
    len: usize,
    nulls: usize,
}

impl Validity {
    fn push(&mut self, valid: bool) {
        if self.len % 8 == 0 {
            self.bits.push(0);
        }
        if valid {
            self.bits[self.len / 8] |= 1 << (self.len % 8);
        } else {
            self.nulls += 1;
        }
        self.len += 1;
    }
}

/// A column of strings: validity, 32-bit offsets, UTF-8 data.
struct StringColumn {
    validity: Validity,
    offsets: Vec<u8>,
    data: Vec<u8>,
}

impl Default for StringColumn {
    fn default() -> Self {
        StringColumn { validity: Validity::default(), offsets: 0i32.to_le_bytes().to_vec(), data: Vec::new() }
    }
}

impl StringColumn {
    fn push(&mut self, value: Option<&str>) {
        self.validity.push(value.is_some());
        self.data.extend_from_slice(value.unwrap_or_default().as_bytes());
        // `Columns::add` starts a new chunk before the data reaches 2 GiB.
        self.offsets.extend_from_slice(&(self.data.len() as i32).to_le_bytes());
    }
}

/// A column of fixed-width numbers (int64 or float64): validity, values.
#[derive(Default)]
struct NumberColumn {
    validity: Validity,
    values: Vec<u8>,
}

impl NumberColumn {
    fn push(&mut self, value: Option<[u8; 8]>) {
        self.validity.push(value.is_some());
        self.values.extend_from_slice(&value.unwrap_or_default());
    }

    fn int(&mut self, value: Option<u64>) {
        self.push(value.map(|v| (v as i64).to_le_bytes()));
    }
}

/// One record batch's columns.
#[derive(Default)]
struct Chunk {
    rows: usize,
    id: StringColumn,
    kind: StringColumn,
    start: NumberColumn,
    end: NumberColumn,
    start_char: NumberColumn,
    end_char: NumberColumn,
    text: StringColumn,
    extractor: StringColumn,
    confidence: NumberColumn,
    attrs: StringColumn,
    error: StringColumn,
}

impl Chunk {
    fn largest_data(&self) -> usize {
        [&self.id, &self.kind, &self.text, &self.extractor, &self.attrs, &self.error]
            .iter()
            .map(|c| c.data.len())
            .max()
            .unwrap_or(0)
    }
}

/// The rows of many documents, in record batches.
#[derive(Default)]
pub struct Columns {
    done: Vec<Chunk>,
    chunk: Chunk,
}

impl Columns {
    /// Adds a document's rows.
    pub fn add(&mut self, done: Done) {
        let Done { processed, chars } = done;
        let line = &processed.line;
        for (entity, &(start_char, end_char)) in line.entities.iter().flatten().zip(&chars) {
            let text = line.text_of(entity);
            self.room_for(text.len() + entity.attrs.as_str().len() + line.source.len());
            let c = &mut self.chunk;
            c.rows += 1;
            c.id.push(Some(&line.source));
            c.kind.push(Some(&entity.kind));
            c.start.int(Some(entity.start));
            c.end.int(Some(entity.end));
            c.start_char.int(Some(start_char));
            c.end_char.int(Some(end_char));
            c.text.push(Some(text));
            c.extractor.push(Some(&entity.extractor));
            c.confidence.push(Some(entity.confidence.to_le_bytes()));
            c.attrs.push(Some(entity.attrs.as_str()));
            c.error.push(None);
        }
        if let Some(error) = &line.error {
            self.room_for(error.len() + line.source.len());
            let c = &mut self.chunk;
            c.rows += 1;
            c.id.push(Some(&line.source));
            for column in [&mut c.kind, &mut c.text, &mut c.extractor, &mut c.attrs] {
                column.push(None);
            }
            for column in [&mut c.start, &mut c.end, &mut c.start_char, &mut c.end_char, &mut c.confidence] {
                column.push(None);
            }
            c.error.push(Some(error));
        }
    }

    /// Starts a new chunk if `bytes` more could take a column past 32-bit offsets.
    fn room_for(&mut self, bytes: usize) {
        if self.chunk.rows > 0 && self.chunk.largest_data() + bytes >= CHUNK_BYTES {
            self.done.push(std::mem::take(&mut self.chunk));
        }
    }

    /// The record batches for Python: a list of `{"rows": n, "columns":
    /// {name: (null_count, validity or None, offsets or None, values)}}`,
    /// each buffer as `bytes`, the columns in the order of `glaneur.COLUMNS`.
    pub fn into_py(mut self, py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
        if self.chunk.rows > 0 || self.done.is_empty() {
            self.done.push(std::mem::take(&mut self.chunk));
        }
        let list = PyList::empty(py);
        for chunk in self.done {
            let columns = PyDict::new(py);
            let validity = |v: &Validity| (v.nulls > 0).then(|| PyBytes::new(py, &v.bits));
            let strings = |name: &str, c: &StringColumn| {
                let buffers = (
                    c.validity.nulls,
                    validity(&c.validity),
                    Some(PyBytes::new(py, &c.offsets)),
                    PyBytes::new(py, &c.data),
                );
                columns.set_item(name, buffers)
            };
            let numbers = |name: &str, c: &NumberColumn| {
                let buffers =
                    (c.validity.nulls, validity(&c.validity), None::<Bound<'_, PyBytes>>, PyBytes::new(py, &c.values));
                columns.set_item(name, buffers)
            };
            strings("id", &chunk.id)?;
            strings("kind", &chunk.kind)?;
            numbers("start", &chunk.start)?;
            numbers("end", &chunk.end)?;
            numbers("start_char", &chunk.start_char)?;
            numbers("end_char", &chunk.end_char)?;
            strings("text", &chunk.text)?;
            strings("extractor", &chunk.extractor)?;
            numbers("confidence", &chunk.confidence)?;
            strings("attrs", &chunk.attrs)?;
            strings("error", &chunk.error)?;
            let batch = PyDict::new(py);
            batch.set_item("rows", chunk.rows)?;
            batch.set_item("columns", columns)?;
            list.append(batch)?;
        }
        Ok(list)
    }
}
