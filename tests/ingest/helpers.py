"""Helpers for the reader tests: a local HTTP server (never the internet), WARC files we
write ourselves, and the HTML and feed files under fixtures/."""

from __future__ import annotations

import io
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

FIXTURES = Path(__file__).parent / "fixtures"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass(frozen=True, kw_only=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before the status line
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


Route = Reply | Callable[[int], Reply]  # a callable gets the number of the hit, from 1


@dataclass(kw_only=True)
class LocalServer:
    base: str
    routes: dict[str, Route]
    hits: Counter[str] = field(default_factory=Counter)
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits[self.path] += 1
            server.agents.append(self.headers.get("User-Agent", ""))
            route = server.routes.get(self.path)
            if route is None:
                reply = Reply(status=404, body=b"not found", content_type="text/plain")
            elif isinstance(route, Reply):
                reply = route
            else:
                reply = route(server.hits[self.path])
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers:
                    self.send_header(name, value)
                if reply.length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:  # the client gave up (timeouts, size limits)
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def fixture_text(name: str, **values: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass(frozen=True, kw_only=True)
class WarcRecord:
    uri: str
    body: bytes
    kind: str = "response"
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    date: str = "2024-02-01T12:00:00Z"


def warc_bytes(records: list[WarcRecord], *, gzip: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for record in records:
        headers = {"WARC-Date": record.date}
        if record.kind == "response":
            http = StatusAndHeaders(
                record.status, [("Content-Type", record.content_type)], protocol="HTTP/1.1"
            )
            made = writer.create_warc_record(
                record.uri,
                "response",
                payload=io.BytesIO(record.body),
                http_headers=http,
                warc_headers_dict=headers,
            )
        else:
            made = writer.create_warc_record(
                record.uri, record.kind, payload=io.BytesIO(record.body), warc_headers_dict=headers
            )
        writer.write_record(made)
    return buffer.getvalue()


def article_html(title: str, *paragraphs: str, lang: str = "en", extra_head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{extra_head}</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def start_server() -> tuple[LocalServer, QuietServer]:
    local = LocalServer(
        base="", routes={"/robots.txt": Reply(body=ROBOTS, content_type="text/plain")}
    )
    httpd = QuietServer(("127.0.0.1", 0), _handler(local))
    local.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    return local, httpd
