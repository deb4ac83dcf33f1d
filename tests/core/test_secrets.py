"""A server's token never lands in a file studytui writes: crash reports and its own logs."""

from __future__ import annotations

import stat
import sys

from studytui.core.crash_report import write_crash_report
from studytui.core.kernel import KernelSession
from studytui.core.redact import redact, register_secret

URL_TOKEN = "c0ffee1234url"
FLAG_TOKEN = "f1a9token5678"
ENV_TOKEN = "e4v1ronment99"
HELD_TOKEN = "he1dbytheapp77"
HEADER_TOKEN = "head3rvalue42"


def every_token_gone(text: str) -> bool:
    return not any(token in text for token in (URL_TOKEN, FLAG_TOKEN, ENV_TOKEN, HELD_TOKEN, HEADER_TOKEN))


def test_a_crash_report_holds_no_token(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", [
        "studytui", "--server", f"http://lab.example:8888/lab?token={URL_TOKEN}", "--token", FLAG_TOKEN,
    ])
    monkeypatch.setenv("JUPYTER_TOKEN", ENV_TOKEN)
    register_secret(HELD_TOKEN)
    try:
        raise ConnectionError(
            f"GET http://lab.example:8888/api/kernels?token={URL_TOKEN} with Authorization: token {HEADER_TOKEN}"
            f" failed (JUPYTER_TOKEN={ENV_TOKEN}, server token {HELD_TOKEN})"
        )
    except ConnectionError as error:
        report = write_crash_report(tmp_path, error)
    assert report is not None
    text = report.read_text(encoding="utf-8")
    assert "command: studytui --server http://lab.example:8888/lab?token=<redacted> --token <redacted>" in text
    assert "ConnectionError" in text and "Authorization: token <redacted>" in text
    assert every_token_gone(text)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_the_kernel_client_log_holds_no_token(tmp_path):
    register_secret(HELD_TOKEN)
    log = tmp_path / "kernel.log"
    session = KernelSession(log_path=log)
    session._log.warning("connecting to http://h/api/kernels?token=%s (Authorization: Bearer %s) %s",
                         URL_TOKEN, HEADER_TOKEN, HELD_TOKEN)
    for handler in session._log.handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "connecting to http://h/api/kernels?token=<redacted>" in text
    assert every_token_gone(text)


def test_redaction_leaves_ordinary_text_alone():
    text = "Traceback: sorted(cells, key=len) failed at token 3 of the line; see notes.md"
    assert redact(text) == text
