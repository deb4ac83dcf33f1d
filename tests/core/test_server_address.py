"""The server URL a learner pastes: where the token comes from, and where it never goes."""

from __future__ import annotations

import os

import pytest

from studytui.cli.launch import launch_parser, server_from, settings_from, token_from_environment
from studytui.core.kernel import ServerAddressError, parse_server_url
from studytui.user_config import UserConfig


def test_the_url_jupyter_prints_is_split_into_base_and_token() -> None:
    address = parse_server_url("http://127.0.0.1:8888/lab?token=abc123")
    assert address.base_url == "http://127.0.0.1:8888/"
    assert address.token == "abc123"
    assert "abc123" not in repr(address) and "abc123" not in address.shown
    assert address.headers()["Authorization"] == "token abc123"


def test_a_hub_user_url_keeps_its_path() -> None:
    address = parse_server_url("https://hub.example.org/user/ada/lab/tree/x.ipynb?token=t")
    assert address.base_url == "https://hub.example.org/user/ada/"
    assert address.websocket_base == "wss://hub.example.org/user/ada/"
    assert address.url("api/kernels", "k1") == "https://hub.example.org/user/ada/api/kernels/k1"


def test_token_order_flag_then_url_then_environment() -> None:
    assert parse_server_url("http://h:1/?token=url", token="flag", env_token="env").token == "flag"
    assert parse_server_url("http://h:1/?token=url", env_token="env").token == "url"
    assert parse_server_url("http://h:1/", env_token="env").token == "env"


@pytest.mark.parametrize("text", ["ftp://host/", "localhost:8888", "http:///nohost", ""])
def test_what_is_no_server_url_is_refused_without_echoing_a_token(text: str) -> None:
    with pytest.raises(ServerAddressError) as refused:
        parse_server_url(text + "?token=secret")
    assert "secret" not in str(refused.value)


def test_clear_text_warning_only_off_loopback() -> None:
    assert parse_server_url("http://localhost:8888/?token=t").clear_text_warning is None
    assert parse_server_url("http://[::1]:8888/?token=t").clear_text_warning is None
    assert parse_server_url("https://gpu-box:8888/?token=t").clear_text_warning is None
    warning = parse_server_url("http://gpu-box:8888/?token=t").clear_text_warning
    assert warning is not None and "clear text" in warning and "ssh -L 8888:localhost:8888" in warning


def test_the_command_line_takes_the_token_from_the_environment_and_drops_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("JUPYTER_TOKEN", "from-env")
    config = UserConfig(values={"keep_remote_kernel": True})
    args = launch_parser(config).parse_args(["--server", "http://gpu-box:8888/", "--kernel-id", "k1"])
    server = server_from(args, config, token_from_environment())
    assert server is not None and server.token == "from-env"
    assert "JUPYTER_TOKEN" not in os.environ, "no child process inherits it"
    settings = settings_from(args, config, tmp_path, server)
    assert settings.server_url == "http://gpu-box:8888/" and settings.server_token == "from-env"
    assert settings.remote_kernel_id == "k1" and settings.keep_remote_kernel
    assert "from-env" not in repr(settings)


def test_the_config_file_gives_server_and_token(monkeypatch) -> None:
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    config = UserConfig(values={"server": "https://gpu-box/", "server_token": "cfg"})
    server = server_from(launch_parser(config).parse_args([]), config, token_from_environment())
    assert server is not None and server.base_url == "https://gpu-box/" and server.token == "cfg"
