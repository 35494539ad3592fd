//! glaneur from Python: the native module `glaneur._glaneur`, which the
//! pure-Python package `glaneur` wraps (python/glaneur).
//!
//! Every plugin of this repository is linked in (`builtin`), and plugin
//! directories load as the command line loads them. A document goes through
//! the host's own reading and pipeline (`glaneur::runner::process_batch`),
//! so the package gives the command line's results; `engine` runs documents
//! on Rust threads, in input order, with the GIL released; `records` reads
//! what Python hands in; `convert` builds the dicts Python gets back, `columns` the Arrow
//! buffers of a table of entities, `pyjson` an entity's attrs.
#![deny(missing_docs)]

mod builtin;
mod columns;
mod convert;
mod engine;
mod pipeline;
mod pyjson;
mod records;

use pyo3::prelude::*;

// The command line's allocator (crates/alloc): the extension's Rust
// allocations are as many as the command line's, and as short-lived.
glaneur_alloc::global_allocator!();

pyo3::create_exception!(_glaneur, GlaneurError, pyo3::exceptions::PyException, "The base of glaneur's errors.");
pyo3::create_exception!(
    _glaneur,
    PluginError,
    GlaneurError,
    "A plugin could not be loaded or started, or the kinds asked for have no plugin."
);

/// The native module.
#[pymodule]
fn _glaneur(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("GlaneurError", py.get_type::<GlaneurError>())?;
    m.add("PluginError", py.get_type::<PluginError>())?;
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_class::<pipeline::Documents>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
