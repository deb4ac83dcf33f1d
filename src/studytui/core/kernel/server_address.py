"""Where a Jupyter Server is and how to prove who we are to it; no I/O.

The learner pastes the URL `jupyter server list` or JupyterLab prints, `?token=` and all. The
token is split off at once: it travels only in an ``Authorization`` header, never in a URL, a
log line, an error message or anything drawn on screen.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit, urlunsplit

TOKEN_ENV = "JUPYTER_TOKEN"


class ServerAddressError(ValueError):
    """The text given as a server URL is no http(s) URL."""


@dataclass(frozen=True)
class ServerAddress:
    """A Jupyter Server's base URL (no token in it) and the token to send, if any."""

    base_url: str  # scheme://host:port/base/ with a trailing slash, no query
    token: str = field(default="", repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def shown(self) -> str:
        """The URL as it may appear on screen and in logs: no token."""
        return self.base_url

    @property
    def websocket_base(self) -> str:
        scheme, rest = self.base_url.split("://", 1)
        return ("wss://" if scheme == "https" else "ws://") + rest

    @property
    def loopback(self) -> bool:
        host = self.host
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    @property
    def clear_text_warning(self) -> str | None:
        """A warning when the token would cross a network unencrypted."""
        if self.base_url.startswith("http://") and not self.loopback and self.token:
            return (
                f"{self.host} is reached over http://: the token travels in clear text. "
                "Use https://, or an SSH tunnel (ssh -L 8888:localhost:8888 HOST) and http://localhost:8888."
            )
        return None

    def url(self, *path: str) -> str:
        return self.base_url + "/".join(part.strip("/") for part in path)

    def headers(self) -> dict[str, str]:
        # The Authorization header is how jupyter_server, Kernel Gateway and JupyterHub accept a
        # token; the matching _xsrf cookie and header pass the XSRF check of a server without one.
        headers = {"X-XSRFToken": "studytui", "Cookie": "_xsrf=studytui"}
        if self.token:
            headers["Authorization"] = f"token {self.token}"
        return headers


def parse_server_url(text: str, token: str | None = None, env_token: str | None = None) -> ServerAddress:
    """The address in ``text``; the token is ``token``, else the URL's ``?token=``, else ``env_token``.

    A JupyterLab URL such as ``http://host:8888/lab?token=...`` keeps its base path minus the
    front-end part (``lab``, ``tree``, ``notebooks``), so a JupyterHub user URL works as printed.
    """
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServerAddressError(
            f"'{_without_query(text)}' is not a server URL: use the http(s)://host:port/ URL "
            "that `jupyter server list` prints"
        )
    path = parts.path
    for front_end in ("/lab", "/tree", "/notebooks", "/doc"):
        cut = path.find(front_end)
        if cut >= 0 and (len(path) == cut + len(front_end) or path[cut + len(front_end)] == "/"):
            path = path[:cut]
            break
    if not path.endswith("/"):
        path += "/"
    from_url = parse_qs(parts.query).get("token", [""])[0]
    chosen = token or from_url or env_token or ""
    base = urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], path, "", ""))
    return ServerAddress(base, chosen)


def _without_query(text: str) -> str:
    return text.split("?", 1)[0].strip()
