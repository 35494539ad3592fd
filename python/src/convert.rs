//! What Python gets back for a document: the dict of docs/SPEC.md, each
//! entity with `start_char` and `end_char` too.

use std::collections::HashMap;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::engine::Done;
use crate::pyjson;

/// Python strings made once and reused: kinds, plugin names, attribute
/// names, which every entity repeats.
#[derive(Default)]
pub struct Strings(HashMap<Box<str>, Py<PyString>>);

impl Strings {
    /// Past this many, the cache starts again (attribute names are few;
    /// a plugin that invents them per entity must not grow it forever).
    const MOST: usize = 4096;
    /// The longest attribute value worth keeping.
    pub const SHORT: usize = 40;

    /// The Python string of `s`, made on its first use.
    pub fn get<'py>(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
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
        for (entity, &(start_char, end_char)) in entities.iter().zip(&done.chars) {
            let e = PyDict::new(py);
            e.set_item(intern!(py, "kind"), strings.get(py, &entity.kind))?;
            e.set_item(intern!(py, "start"), entity.start)?;
            e.set_item(intern!(py, "end"), entity.end)?;
            e.set_item(intern!(py, "start_char"), start_char)?;
            e.set_item(intern!(py, "end_char"), end_char)?;
            e.set_item(intern!(py, "text"), line.text_of(entity))?;
            e.set_item(intern!(py, "extractor"), strings.get(py, &entity.extractor))?;
            e.set_item(intern!(py, "confidence"), entity.confidence)?;
            e.set_item(intern!(py, "attrs"), pyjson::loads(py, entity.attrs.as_str(), strings)?)?;
            list.append(e)?;
        }
        dict.set_item(intern!(py, "entities"), list)?;
    }
    if let Some(error) = &line.error {
        dict.set_item(intern!(py, "error"), error)?;
    }
    Ok(dict)
}
