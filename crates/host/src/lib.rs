//! glaneur: the host. Discovers and loads extractor plugins, reads documents
//! (files, directories, stdin, JSON Lines), runs the plugin pipeline over
//! them in parallel and writes the results in input order; scores an
//! output against gold annotations (`eval`).
//!
//! The binary (`main.rs`) is glue over this library.
#![deny(missing_docs)]

pub mod eval;
pub mod html;
pub mod input;
pub mod interrupt;
pub mod isolation;
pub mod output;
pub mod pipeline;
pub mod plugins;
pub mod runner;
pub mod summary;
pub mod warc;
