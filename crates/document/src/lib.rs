//! glaneur-document: a text read once for every plugin.
//!
//! The host builds a [`DocumentBuf`] per document — its tokens, each word's
//! folded form, sentence and paragraph bounds, its language — and lends
//! every plugin the same [`Document`], a view laid out by abi_stable to
//! cross the plugin ABI. A plugin reads tokens and sentences instead of
//! scanning the bytes again with its own idea of a word.
#![deny(missing_docs)]

mod buf;
mod document;
mod form_key;
mod language;
mod phrases;
mod room;
mod sentences;
mod token;
mod tokenize;

pub use buf::{DocumentBuf, TooLarge};
pub use document::Document;
pub use form_key::key_of_form;
pub use language::Language;
pub use phrases::{Case, PhraseMatch, Phrases};
pub use room::DocumentRoom;
pub use token::{Bounds, Flags, Token, TokenKind};
