"""The docs of a name (an ``inspect_reply``, a help page) split for a small pane: the signature
and the first paragraph first, the rest one key away; no I/O.

IPython's docs are sections (``Signature:``, ``Docstring:``, ``Type:``, ``File:``, ``Class
docstring:``...), headings coloured with ANSI codes; for ``np.linspace`` the signature is followed
by a page of other sections before the docstring starts, and the class docstring of numpy's
dispatcher ends it. Other kernels send plain text: its first paragraph comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studytui.core.text import clean_text

# IPython's field names (IPython.core.oinspect), each at the start of a line before a colon.
_SIGNATURES = ("Signature", "Init signature", "Call signature")
_DOCSTRINGS = ("Docstring", "Init docstring", "Class docstring", "Call docstring")
_OTHERS = (
    "Type", "String form", "Namespace", "Length", "File", "Source", "Subclasses", "Definition",
    "Constructor Docstring", "Repr",
)
_HEADING = re.compile(
    r"^(" + "|".join(re.escape(name) for name in (*_SIGNATURES, *_DOCSTRINGS, *_OTHERS)) + r"):(?:\s+(.*))?$"
)


@dataclass(frozen=True)
class DocsParts:
    """``head``: the signature and the first paragraph; ``rest``: everything else, in order."""

    head: str
    rest: str


def strip_ansi(text: str) -> str:
    """``text`` without its ANSI colours and terminal strings, other controls made safe
    (``core.text.clean_text``)."""
    return clean_text(text)  # escape sequences (colours included) and terminal strings go whole


def docs_parts(text: str) -> DocsParts:
    """Split docs (ANSI stripped) into what to show first and the rest."""
    plain = strip_ansi(text).replace("\r\n", "\n")
    sections = _sections(plain)
    if not any(name for name, _ in sections):
        return DocsParts(*_first_paragraph(plain))
    named = {name: body for name, body in sections if name}
    signature_name = next((name for name in _SIGNATURES if name in named), None)
    docstring_name = next((name for name in _DOCSTRINGS if name in named), None)
    head: list[str] = []
    rest: list[str] = []
    if signature_name is not None:
        head.append(named[signature_name].strip("\n"))
    if docstring_name is not None:
        first, remainder = _first_paragraph(named[docstring_name])
        head.append(first)
        if remainder:
            rest.append(remainder)
    rest.extend(_shown(name, body) for name, body in sections if name not in (signature_name, docstring_name))
    return DocsParts("\n\n".join(part for part in head if part), "\n\n".join(part for part in rest if part.strip()))


def _shown(name: str, body: str) -> str:
    body = body.strip("\n")
    if not name:
        return body
    return f"{name}: {body.strip()}" if "\n" not in body else f"{name}:\n{body}"


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) in order; the text before the first heading has the heading ""."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match:
            sections.append((match.group(1), [match.group(2).rstrip()] if match.group(2) else []))
        else:
            sections[-1][1].append(line)
    return [(name, "\n".join(lines)) for name, lines in sections if name or "".join(lines).strip()]


def _first_paragraph(text: str) -> tuple[str, str]:
    lines = text.strip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    cut = next((index for index, line in enumerate(lines) if not line.strip()), len(lines))
    return "\n".join(lines[:cut]).rstrip(), "\n".join(lines[cut:]).strip("\n")
