#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian/Ubuntu machine, then runs them.
# System packages: tmux (end-to-end tests drive studytui in a real terminal), mpv and ffmpeg
# (player tests). Python packages go into .venv beside this repository.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in tmux mpv ffmpeg; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q '.[test]'
# Static checks first: lint and import order (ruff), types (mypy); both must report nothing.
.venv/bin/ruff check src/studytui
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
