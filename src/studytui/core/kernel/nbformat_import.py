"""nbformat, imported without the grammar jsonschema compiles for IRI formats; headless.

``import nbformat`` imports jsonschema, whose format checkers import ``rfc3987_syntax`` when it is
installed (jupyter-events pulls it in with JupyterLab or Jupyter Server). That module builds a Lark
parser at import: measured 0.8 s of CPU here, against 0.1 s for all of nbformat without it. The
import runs on a background thread, but it holds the GIL, so the first cells' answers drew up to
200 ms late. nbformat never checks IRI formats, so studytui's own process (never the kernel's)
goes without that checker.
"""

from __future__ import annotations

import sys
from types import ModuleType

_UNUSED_FORMAT_CHECKER = "rfc3987_syntax"


def import_nbformat() -> ModuleType:
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault(_UNUSED_FORMAT_CHECKER, None)  # type: ignore[arg-type]  # ImportError: jsonschema skips it
    import nbformat

    return nbformat
