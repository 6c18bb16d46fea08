"""A real local HTTP server answering as Kolada's API v3 from the answers in tests/data/kolada/,
with NETTONOLL_KOLADA_URL pointing at it; tests can swap an answer or break one."""

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "kolada"

ROUTES = {
    "/v3/kpi/N00401": "kpi_N00401.json",
    "/v3/kpi/N07945": "kpi_N07945.json",
    "/v3/municipality/1780": "municipality_1780.json",
    "/v3/municipality/0017": "municipality_0017.json",
    "/v3/data/kpi/N00401/municipality/1780": "data_N00401_1780_page1.json",
    "/v3/data/kpi/N00401/municipality/1780?page=2&per_page=4": "data_N00401_1780_page2.json",
    "/v3/data/kpi/N07945/municipality/0017": "data_N07945_0017.json",
}


@dataclass
class FakeKolada:
    """The server's state: which file answers which path (or raw bytes), and what was asked."""

    base: str = ""
    routes: dict[str, str | bytes] = field(default_factory=lambda: dict(ROUTES))
    asked: list[str] = field(default_factory=list)


def _handler(kolada: FakeKolada) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kolada.asked.append(self.path)
            answer = kolada.routes.get(self.path)
            if answer is None:
                self.send_response(404)
                self.end_headers()
                return
            body = (
                answer
                if isinstance(answer, bytes)
                else (DATA / answer).read_text(encoding="utf-8").replace("{base}", kolada.base)
            )
            data = body if isinstance(body, bytes) else body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def kolada(settings: object) -> Iterator[FakeKolada]:
    state = FakeKolada()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}/v3"
    settings.NETTONOLL_KOLADA_URL = state.base  # type: ignore[attr-defined]
    settings.NETTONOLL_KOLADA_TIMEOUT_SECONDS = 5  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def kolada_unreachable(settings: object) -> str:
    """A port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v3"
    settings.NETTONOLL_KOLADA_URL = url  # type: ignore[attr-defined]
    settings.NETTONOLL_KOLADA_TIMEOUT_SECONDS = 2  # type: ignore[attr-defined]
    return url


def broken(text: str) -> bytes:
    return text.encode("utf-8")


def as_json(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")
