"""Secrets kept out of every file studytui writes: a server's token, wherever it shows up.

`redact` replaces, in any text about to be written (a crash report, a log line):
- the values the app holds as secrets (`register_secret`: the server's token, however it came)
  and the `JUPYTER_TOKEN` of the environment;
- a URL's query values named like a secret (`?token=...`, `&access_token=...`, `&key=...`);
- `token=...`, `token: ...`, `"token": "..."` (and password, secret, api_key) and `--token ...`;
- the credentials of an `Authorization` header (`Authorization: token ...`, `Bearer ...`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

REDACTED = "<redacted>"
TOKEN_ENV = "JUPYTER_TOKEN"
_SHORTEST_SECRET = 4  # a shorter value would redact ordinary words

_known: set[str] = set()

_NAMES = r"(?:jupyter_?token|access_?token|api_?key|auth_?token|token|password|passwd|secret)"
_QUERY = re.compile(rf"(?i)([?&;](?:{_NAMES}|key|sig|signature)=)[^&#\s'\"<>]+")
_ASSIGNED = re.compile(rf"(?i)(\b{_NAMES}[\"']?\s*[=:]\s*[\"']?)(?!<)[^\s\"'&,;}}\]<>]+")
_OPTION = re.compile(r"(?i)(--(?:token|password)(?:=|\s+))(?!<)\S+")
_AUTHORIZATION = re.compile(
    r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?)(?:(token|bearer|basic|digest)\s+)?(?!<)[^\s\"',}]+"
)


def register_secret(value: str | None) -> None:
    """A value the app holds as a secret: redacted wherever it appears in a written file."""
    if value and len(value) >= _SHORTEST_SECRET:
        _known.add(value)


def known_secrets() -> Iterable[str]:
    environment = os.environ.get(TOKEN_ENV, "")
    values = set(_known)
    if len(environment) >= _SHORTEST_SECRET:
        values.add(environment)
    return sorted(values, key=len, reverse=True)  # a secret inside another goes after it


def redact(text: str) -> str:
    """`text` with every secret studytui can recognise replaced by `<redacted>`."""
    for value in known_secrets():
        text = text.replace(value, REDACTED)
    text = _AUTHORIZATION.sub(lambda m: f"{m.group(1)}{m.group(2) + ' ' if m.group(2) else ''}{REDACTED}", text)
    text = _QUERY.sub(rf"\1{REDACTED}", text)
    text = _OPTION.sub(rf"\1{REDACTED}", text)
    return _ASSIGNED.sub(rf"\1{REDACTED}", text)
