"""Which lessons folders may run their check code in the learner's kernel.

A check is code from the lessons folder: the bundled curriculum is trusted; any other folder runs
its checks only after the learner trusts it once. The trusted folders are remembered in
`trusted-folders.json` in the platformdirs config folder of `studytui`, written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import platformdirs

from studytui.core.files import write_text_atomic

TRUST_FILE = "trusted-folders.json"


def default_trust_path() -> Path:
    return Path(platformdirs.user_config_dir("studytui")) / TRUST_FILE


class TrustStore:
    """`always_trusted`: folders trusted without asking (the bundled curriculum); `own`: says whether a
    folder is the learner's own (a course `studytui add` wrote), trusted without asking too."""

    def __init__(self, path: Path | None = None, always_trusted: tuple[Path, ...] = (),
                 own: Callable[[Path], bool] | None = None) -> None:
        self.path = path or default_trust_path()
        self._always = {_key(folder) for folder in always_trusted}
        self._own = own

    def _load(self) -> list[str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        folders = raw.get("trusted") if isinstance(raw, dict) else None
        return [str(item) for item in folders] if isinstance(folders, list) else []

    def is_trusted(self, folder: Path) -> bool:
        key = _key(folder)
        return key in self._always or (self._own is not None and self._own(folder)) or key in self._load()

    def trust(self, folder: Path) -> None:
        """Remember `folder` as trusted (read again first: another studytui may have added one)."""
        folders = self._load()
        key = _key(folder)
        if key not in folders:
            folders.append(key)
        write_text_atomic(self.path, json.dumps({"trusted": sorted(folders)}, indent=2) + "\n")


def _key(folder: Path) -> str:
    return str(Path(folder).expanduser().resolve())
