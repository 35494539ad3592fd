"""The native module: glaneur's host and every plugin of the repository,
linked into one extension. Use it through :mod:`glaneur`."""

from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from typing_extensions import Self

__version__: str

class GlaneurError(Exception):
    """The base of glaneur's errors."""

class PluginError(GlaneurError):
    """A plugin could not be loaded or started, or the kinds asked for have no plugin."""

#: A document: a ``str``; ``bytes`` (decoded as a file is); a mapping with
#: ``"text"`` and optionally ``"id"`` and ``"format"`` (``"html"``); or an
#: ``(id, text)`` pair.
Document = Union[str, bytes, Mapping[str, Any], Tuple[Union[str, int, None], str]]

class Pipeline:
    def __new__(
        cls,
        plugins: Optional[List[Union[str, "PathLike[str]"]]] = None,
        only: Optional[List[str]] = None,
        config: Optional[Dict[str, str]] = None,
        *,
        builtin: bool = True,
        html: str = "article",
        encoding: str = "auto",
    ) -> Self: ...
    @property
    def plugins(self) -> List[Dict[str, Any]]:
        """The plugins that run, in order: name, version, produces,
        requires, description, path (``<built-in>`` for the package's own)."""
    def extract(self, text: Document, id: Optional[Union[str, int]] = None) -> Dict[str, Any]:
        """One document's output: the dict of a JSON line of the command
        line, each entity with ``start_char``/``end_char`` too. ``source``
        is ``id``, else ``"0"``."""
    def extract_many(self, documents: Iterable[Document], jobs: Optional[int] = None) -> "Documents":
        """The outputs of many documents, in input order, extracted on
        ``jobs`` Rust threads (default: every core) with the GIL released
        while the caller reads them. A document without an id is named by
        its position (``"0"``, ``"1"``…); one that cannot be read gives a
        dict with ``source`` and ``error``, and the others go on."""
    def _columns(self, documents: Iterable[Document], jobs: Optional[int] = None) -> List[Dict[str, Any]]: ...

class Documents(Iterator[Dict[str, Any]]):
    """The iterator :meth:`Pipeline.extract_many` returns."""
    def __iter__(self) -> "Documents": ...
    def __next__(self) -> Dict[str, Any]: ...
