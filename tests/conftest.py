"""Shared fixtures, and a guard that keeps every test off the network."""

from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .openai_client import server  # noqa: F401  (fixture)
from .openai_server import openai_server  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _is_local(host: object) -> bool:
    if host in ("localhost", None, ""):
        return True
    try:
        return ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise ConnectionRefusedError(f"tests may not reach the network (tried {address[0]})")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_local(host if not isinstance(host, bytes) else host.decode()):
        raise socket.gaierror(socket.EAI_NONAME, f"tests may not resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Only loopback is reachable: tiktoken's download attempt fails at once, as offline."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.getaddrinfo = _real_getaddrinfo


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No API key or model from the developer's shell, and a default cache of the test's own."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SEEDSUM_MODEL", "SEEDSUM_ENCODING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SEEDSUM_CACHE_DIR", str(tmp_path / "seedsum-cache"))


@pytest.fixture(scope="session")
def grain_text() -> str:
    return (EXAMPLES / "articles" / "grain_corridor.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def grain_reply() -> str:
    return (EXAMPLES / "replies" / "grain_corridor.json").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def energy_text() -> str:
    return (EXAMPLES / "articles" / "energy_summit.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def energy_annotation() -> str:
    return (EXAMPLES / "replies" / "energy_summit.json").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as a wheel from this checkout, once per session: building takes
    seconds, and every test that inspects the wheel reads the same one."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [built] = dist.glob("seedsum-*.whl")
    return built
