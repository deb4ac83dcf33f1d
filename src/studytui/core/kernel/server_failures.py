"""What went wrong with a Jupyter Server, in one line that says what to do; never the token."""

from __future__ import annotations

import socket
import ssl

from tornado.httpclient import HTTPClientError
from tornado.httputil import HTTPInputError
from tornado.iostream import StreamClosedError
from tornado.simple_httpclient import HTTPStreamClosedError

from studytui.core.kernel.server_address import ServerAddress


def garbage(address: ServerAddress, what: str) -> str:
    """A server whose answer (``what``: "the kernel list", "something that is not JSON") is not a
    Jupyter server's."""
    return (
        f"{address.shown} answered {what} in a form Jupyter servers never use: "
        "check the URL points at a Jupyter Server, Kernel Gateway or JupyterHub user server"
    )


def describe_failure(exc: BaseException, address: ServerAddress) -> str:
    """One line for a failed request: what happened and what to do."""
    where = address.shown
    if isinstance(exc, HTTPClientError):
        code = exc.code
        if code in (401, 403):
            return (
                f"{where} refused the token (HTTP {code}): copy the URL with ?token= from "
                "`jupyter server list`, or pass --token / set JUPYTER_TOKEN"
            )
        if code in (301, 302, 303, 307, 308):
            return f"{where} redirects (HTTP {code}): it wants a login; use the URL with ?token= that the server prints"
        if code in (502, 503, 504):
            return (
                f"a proxy in front of {where} answered HTTP {code}: the Jupyter server behind it is "
                "not running or not reachable (on JupyterHub, start your server first)"
            )
        if isinstance(exc, HTTPStreamClosedError):
            return _hung_up(where)
        if code == 599:
            return _too_slow(where)
        return f"{where} answered HTTP {code} ({exc.message}): check the URL and the server's log"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        reason = getattr(exc, "reason", None) or type(exc).__name__
        return (
            f"TLS with {where} failed ({reason}): check the server's certificate, or use an SSH tunnel "
            "and http://localhost"
        )
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {address.host}: check the spelling of the URL"
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"nothing listens at {where}: start the server (`jupyter server`) or the SSH tunnel "
            "(ssh -L 8888:localhost:8888 HOST), and check the port"
        )
    if isinstance(exc, HTTPInputError | StreamClosedError):
        return _hung_up(where)
    if isinstance(exc, TimeoutError):
        return _too_slow(where)
    if isinstance(exc, OSError):
        return f"cannot reach {where} ({exc.strerror or type(exc).__name__}): check the network and the URL"
    return f"talking to {where} failed ({type(exc).__name__}): check the URL and the server's log"


def _hung_up(where: str) -> str:
    return (
        f"{where} hung up without an HTTP answer: the server behind this port (or behind "
        "the SSH tunnel) is down or is no Jupyter server; check it runs, and the URL"
    )


def _too_slow(where: str) -> str:
    return f"{where} did not answer in time: check the network, the URL and the SSH tunnel"
