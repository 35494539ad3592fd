//! The Python classes: `Pipeline` (plugins loaded once, then any number of
//! documents) and `Documents` (the iterator `extract_many` returns).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use glaneur::html::HtmlMode;
use glaneur::input::EncodingMode;
use glaneur::pipeline::Pipeline;
use glaneur::plugins::discovery::{add_unique, discover};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList};

use crate::columns::Columns;
use crate::convert::{self, Strings};
use crate::engine::{run_batch, Done, Reading, Stream};
use crate::{builtin, records, GlaneurError, PluginError};

/// How long a wait for results lasts before Python may handle a signal
/// (Ctrl-C in a notebook).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The plugins, loaded and ordered once; extracts from any number of
/// documents, from any number of Python threads.
#[pyclass(name = "Pipeline", module = "glaneur", frozen, subclass)]
pub struct PyPipeline {
    pipeline: Arc<Pipeline>,
    reading: Reading,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (plugins=None, only=None, config=None, *, builtin=true, html="article".to_owned(), encoding="auto".to_owned()))]
    fn new(
        plugins: Option<Vec<PathBuf>>,
        only: Option<Vec<String>>,
        config: Option<HashMap<String, String>>,
        builtin: bool,
        html: String,
        encoding: String,
    ) -> PyResult<Self> {
        let html = match html.as_str() {
            "article" => HtmlMode::Article,
            "whole" => HtmlMode::Whole,
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "html must be \"article\" or \"whole\", not {other:?}"
                )))
            }
        };
        let encoding = EncodingMode::parse(&encoding).map_err(pyo3::exceptions::PyValueError::new_err)?;
        let configs = config.unwrap_or_default();
        let mut loaded = if builtin {
            builtin::load(&configs).map_err(|r| PluginError::new_err(r.to_string()))?
        } else {
            Vec::new()
        };
        let dirs = plugins.unwrap_or_default();
        if !dirs.is_empty() {
            let catalog = discover(&dirs, &configs);
            let mut rejected: Vec<String> = catalog.rejected.iter().map(ToString::to_string).collect();
            for plugin in catalog.plugins {
                if let Err(r) = add_unique(&mut loaded, plugin) {
                    rejected.push(r.to_string());
                }
            }
            if !rejected.is_empty() {
                return Err(PluginError::new_err(format!("plugins not loaded: {}", rejected.join("; "))));
            }
        }
        if loaded.is_empty() {
            return Err(PluginError::new_err("no plugin to run: builtin=False and no plugin directory given"));
        }
        if let Some(unknown) = configs.keys().find(|name| !loaded.iter().any(|p| p.name() == name.as_str())) {
            return Err(PluginError::new_err(format!("a configuration for {unknown:?}, which no loaded plugin is")));
        }
        let pipeline =
            Pipeline::new(loaded, &only.unwrap_or_default()).map_err(|e| PluginError::new_err(e.to_string()))?;
        Ok(PyPipeline { pipeline: Arc::new(pipeline), reading: Reading { encoding, html } })
    }

    /// The plugins that run, in order: name, version, produces, requires,
    /// description and the file it came from (`<built-in>` for the package's own).
    #[getter]
    fn plugins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for plugin in self.pipeline.plugins() {
            let m = &plugin.manifest;
            let dict = PyDict::new(py);
            dict.set_item("name", m.name.as_str())?;
            dict.set_item("version", m.version.as_str())?;
            dict.set_item("produces", m.produces.iter().map(|k| k.as_str()).collect::<Vec<_>>())?;
            dict.set_item("requires", m.requires.iter().map(|k| k.as_str()).collect::<Vec<_>>())?;
            dict.set_item("description", m.description.as_str())?;
            dict.set_item("path", plugin.path.display().to_string())?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// One document's output, as the dict of a JSON line.
    #[pyo3(signature = (text, id=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id = id.filter(|id| !id.is_none()).map(|id| {
            records::source_of(id).ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("id must be a str or an int"))
        });
        let input = records::read(text, 0, id.transpose()?);
        let pipeline = &self.pipeline;
        let reading = self.reading;
        let done = py.detach(|| run_batch(pipeline, vec![input], reading)).pop();
        let done = done.ok_or_else(|| GlaneurError::new_err("no result for the document (a bug: please report it)"))?;
        convert::document(py, &done, &mut Strings::default())
    }

    /// The outputs of many documents, in input order, extracted on `jobs`
    /// threads (default: every core) while the caller reads them.
    #[pyo3(signature = (documents, jobs=None))]
    fn extract_many(&self, documents: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<Documents> {
        Documents::new(self, documents, jobs)
    }

    /// The entities of many documents as Arrow buffers (the record
    /// batches of `extract_frame` and of the Spark function), one row per
    /// entity and one per document with an error.
    #[pyo3(signature = (documents, jobs=None))]
    fn _columns<'py>(
        &self,
        py: Python<'py>,
        documents: &Bound<'py, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let mut stream = Documents::new(self, documents, jobs)?;
        let mut columns = Columns::default();
        while let Some(done) = stream.next_done(py)? {
            columns.add(done);
        }
        columns.into_py(py)
    }
}

/// The documents of `Pipeline.extract_many`, one dict each, in input order.
#[pyclass(module = "glaneur")]
pub struct Documents {
    items: Py<PyIterator>,
    stream: Stream,
    position: u64,
    exhausted: bool,
    /// What iterating over the input raised, raised after the documents before it.
    error: Option<PyErr>,
    strings: Strings,
}

impl Documents {
    fn new(pipeline: &PyPipeline, documents: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<Self> {
        if documents.is_instance_of::<pyo3::types::PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "extract_many takes an iterable of documents, not one str: use extract",
            ));
        }
        let jobs = match jobs {
            Some(0) => return Err(pyo3::exceptions::PyValueError::new_err("jobs must be at least 1")),
            Some(jobs) => jobs,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        Ok(Documents {
            items: documents.try_iter()?.unbind(),
            stream: Stream::new(pipeline.pipeline.clone(), jobs, pipeline.reading),
            strings: Strings::default(),
            position: 0,
            exhausted: false,
            error: None,
        })
    }

    /// Hands the stream documents from the input while it wants more.
    fn fill(&mut self, py: Python<'_>) {
        let items = self.items.bind(py).clone();
        while !self.exhausted && self.stream.wants_more() {
            match items.clone().next() {
                None => self.exhausted = true,
                Some(Err(e)) => {
                    self.error = Some(e);
                    self.exhausted = true;
                }
                Some(Ok(item)) => {
                    self.stream.push(records::read(&item, self.position, None));
                    self.position += 1;
                }
            }
        }
        if self.exhausted {
            self.stream.flush();
        }
    }

    /// The next document's result; `None` at the end of the input.
    fn next_done(&mut self, py: Python<'_>) -> PyResult<Option<Done>> {
        loop {
            if let Some(done) = self.stream.take_ready() {
                return Ok(Some(done));
            }
            self.fill(py);
            if !self.stream.pending() {
                return match self.error.take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                };
            }
            let stream = &mut self.stream;
            if !py.detach(|| stream.wait(SIGNAL_CHECK)).map_err(GlaneurError::new_err)? {
                py.check_signals()?;
            }
        }
    }
}

#[pymethods]
impl Documents {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        match self.next_done(py)? {
            Some(done) => {
                let dict = convert::document(py, &done, &mut self.strings)?;
                self.stream.retire(done);
                Ok(Some(dict))
            }
            None => Ok(None),
        }
    }
}
