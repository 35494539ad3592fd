//! Plugins: where they are looked for ([`discovery`]), how one file is
//! loaded or rejected ([`load`]), and the order they run in ([`order`]).

pub mod discovery;
pub mod load;
pub mod order;

pub use discovery::{discover, plugin_dirs, Catalog};
pub use load::{LoadedPlugin, Rejection};
