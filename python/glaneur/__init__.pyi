"""glaneur: money, organisations, quotations with their speakers and AI model
names from French and English technology news."""

from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import pandas
import pyarrow

from glaneur._glaneur import Document, Documents, GlaneurError, PluginError, __version__
from glaneur._glaneur import Pipeline as _NativePipeline

COLUMNS: Tuple[Tuple[str, str], ...]

def arrow_schema() -> "pyarrow.Schema": ...

class Pipeline(_NativePipeline):
    def extract_table(
        self, texts: Iterable[Document], ids: Optional[Iterable[Union[str, int]]] = None, jobs: Optional[int] = None
    ) -> "pyarrow.Table":
        """The entities as an Arrow table of :data:`COLUMNS`, one row per entity."""
    def extract_frame(
        self, texts: Iterable[Document], ids: Optional[Iterable[Union[str, int]]] = None, jobs: Optional[int] = None
    ) -> "pandas.DataFrame":
        """The entities as a pandas DataFrame backed by Arrow, one row per entity."""

def default_pipeline() -> Pipeline: ...
def extract(text: Document, id: Optional[Union[str, int]] = None) -> Dict[str, Any]:
    """One document's output with every built-in plugin."""
def kinds(pipeline: Optional[Pipeline] = None) -> List[str]: ...

__all__: List[str]
