//! What Python gets back: a document as the dict of docs/SPEC.md (each
//! entity with `start_char` and `end_char` too), or the entities of many
//! documents as columns, one row per entity, for an Arrow table.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::{intern, IntoPyObjectExt};
use serde_json::Value;

use crate::engine::Done;

/// Python strings made once and reused: kinds, plugin names, attribute
/// names, which every entity repeats.
#[derive(Default)]
pub struct Strings(HashMap<Box<str>, Py<PyString>>);

impl Strings {
    /// Past this many, the cache starts again (attribute names are few;
    /// a plugin that invents them per entity must not grow it forever).
    const MOST: usize = 4096;
    /// The longest attribute value worth keeping.
    const SHORT: usize = 40;

    fn get<'py>(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if let Some(cached) = self.0.get(s) {
            return cached.bind(py).clone();
        }
        if self.0.len() >= Self::MOST {
            self.0.clear();
        }
        let made = PyString::new(py, s);
        self.0.insert(s.into(), made.clone().unbind());
        made
    }
}

/// A document's output line as a dict, keys in the order of the JSON line.
/// `done` must have been made for [`crate::engine::Shape::Dicts`].
pub fn document<'py>(py: Python<'py>, done: &Done, strings: &mut Strings) -> PyResult<Bound<'py, PyDict>> {
    let line = &done.processed.line;
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "source"), &line.source)?;
    if let Some(id) = &line.warc_record_id {
        dict.set_item(intern!(py, "warc_record_id"), id)?;
    }
    if let Some(date) = &line.date {
        dict.set_item(intern!(py, "date"), date)?;
    }
    if let Some(bytes) = line.bytes {
        dict.set_item(intern!(py, "bytes"), bytes)?;
    }
    if let Some(encoding) = &line.encoding {
        dict.set_item(intern!(py, "encoding"), encoding)?;
    }
    if let Some(entities) = &line.entities {
        let list = PyList::empty(py);
        for ((entity, &(start_char, end_char)), attrs) in entities.iter().zip(&done.chars).zip(&done.attrs) {
            let e = PyDict::new(py);
            e.set_item(intern!(py, "kind"), strings.get(py, &entity.kind))?;
            e.set_item(intern!(py, "start"), entity.start)?;
            e.set_item(intern!(py, "end"), entity.end)?;
            e.set_item(intern!(py, "start_char"), start_char)?;
            e.set_item(intern!(py, "end_char"), end_char)?;
            e.set_item(intern!(py, "text"), &entity.text)?;
            e.set_item(intern!(py, "extractor"), strings.get(py, &entity.extractor))?;
            e.set_item(intern!(py, "confidence"), entity.confidence)?;
            e.set_item(intern!(py, "attrs"), value_to_py(py, attrs, strings)?)?;
            list.append(e)?;
        }
        dict.set_item(intern!(py, "entities"), list)?;
    }
    if let Some(error) = &line.error {
        dict.set_item(intern!(py, "error"), error)?;
    }
    Ok(dict)
}

/// A JSON value as the Python value `json.loads` would give.
fn value_to_py<'py>(py: Python<'py>, value: &Value, strings: &mut Strings) -> PyResult<Bound<'py, PyAny>> {
    match value {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)
            }
        }
        // Short strings repeat (currencies, rules, canonical names): made once.
        Value::String(s) if s.len() <= Strings::SHORT => Ok(strings.get(py, s).into_any()),
        Value::String(s) => s.into_bound_py_any(py),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item, strings)?)?;
            }
            Ok(list.into_any())
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(strings.get(py, key), value_to_py(py, item, strings)?)?;
            }
            Ok(dict.into_any())
        }
    }
}

/// The entities of many documents as columns (glaneur.COLUMNS, in
/// python/glaneur/_frame.py): one row per entity, and one row with no kind
/// for each document with an error (its message in `error`), so that
/// nothing is lost silently.
#[derive(Default)]
pub struct Columns {
    id: Vec<String>,
    kind: Vec<Option<String>>,
    start: Vec<Option<u64>>,
    end: Vec<Option<u64>>,
    start_char: Vec<Option<u64>>,
    end_char: Vec<Option<u64>>,
    text: Vec<Option<String>>,
    extractor: Vec<Option<String>>,
    confidence: Vec<Option<f64>>,
    attrs: Vec<Option<String>>,
    error: Vec<Option<String>>,
}

impl Columns {
    /// Adds a document's rows.
    pub fn add(&mut self, done: Done) {
        let Done { processed, chars, .. } = done;
        let line = processed.line;
        for (entity, (start_char, end_char)) in line.entities.into_iter().flatten().zip(chars) {
            self.id.push(line.source.clone());
            self.kind.push(Some(entity.kind.to_string()));
            self.start.push(Some(entity.start));
            self.end.push(Some(entity.end));
            self.start_char.push(Some(start_char));
            self.end_char.push(Some(end_char));
            self.text.push(Some(entity.text));
            self.extractor.push(Some(entity.extractor.to_string()));
            self.confidence.push(Some(entity.confidence));
            self.attrs.push(Some(entity.attrs.into_string()));
            self.error.push(None);
        }
        if let Some(error) = line.error {
            self.id.push(line.source);
            for column in [&mut self.kind, &mut self.text, &mut self.extractor, &mut self.attrs] {
                column.push(None);
            }
            for column in [&mut self.start, &mut self.end, &mut self.start_char, &mut self.end_char] {
                column.push(None);
            }
            self.confidence.push(None);
            self.error.push(Some(error));
        }
    }

    /// The columns as a dict of lists, keyed by [`COLUMNS`].
    pub fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        let Columns { id, kind, start, end, start_char, end_char, text, extractor, confidence, attrs, error } = self;
        dict.set_item("id", PyList::new(py, id)?)?;
        dict.set_item("kind", PyList::new(py, kind)?)?;
        dict.set_item("start", PyList::new(py, start)?)?;
        dict.set_item("end", PyList::new(py, end)?)?;
        dict.set_item("start_char", PyList::new(py, start_char)?)?;
        dict.set_item("end_char", PyList::new(py, end_char)?)?;
        dict.set_item("text", PyList::new(py, text)?)?;
        dict.set_item("extractor", PyList::new(py, extractor)?)?;
        dict.set_item("confidence", PyList::new(py, confidence)?)?;
        dict.set_item("attrs", PyList::new(py, attrs)?)?;
        dict.set_item("error", PyList::new(py, error)?)?;
        Ok(dict)
    }
}
