"""Serves a replica site over real HTTP on loopback, for tests (in-process) and `make demo`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from .assembly_site import AssemblySite, assembly_articles
from .feeds_site import FeedsSite
from .govkz_site import GovkzSite
from .inform_site import InformSite
from .taraz_site import TarazSite

__all__ = ["ReplicaServer", "SITES", "assembly_articles", "main"]

Response = tuple[int, dict[str, str], bytes]
SITES: dict[str, Callable[[], Any]] = {
    "assembly": AssemblySite,
    "inform": InformSite,
    "taraz-ank": TarazSite,
    "govkz": GovkzSite,
    "ddakmo": FeedsSite,
}


class ReplicaServer:
    """A site object (with `.handle(path) -> (status, headers, body)`, or that function itself)
    served by a ThreadingHTTPServer in a daemon thread; use as a context manager."""

    def __init__(
        self,
        handler: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        log_path: Path | str | None = None,
        delay: float = 0.0,
    ) -> None:
        self._handle: Callable[..., Response] = getattr(handler, "handle", handler)
        # Sites that answer by request header (gov.kz's Accept-Language) say so with `wants_headers`.
        self._wants_headers = getattr(handler, "wants_headers", False)
        self.delay = delay  # seconds every answer but robots.txt waits: a slow site, for kill -9 tests
        self.host = host
        self.port = port
        self.log_path = Path(log_path) if log_path else None
        self.requests: list[str] = []  # request paths with query, in arrival order
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._log_file = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ReplicaServer:
        if self._httpd:
            return self
        httpd = ThreadingHTTPServer((self.host, self.port), _RequestHandler)
        httpd.daemon_threads = True
        httpd.replica = self  # the request handler finds its server's replica here
        self.port = httpd.server_address[1]
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = self.log_path.open("a", encoding="utf-8")
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name=f"replica-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if not self._httpd:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None
        with self._lock:
            if self._log_file:
                self._log_file.close()
                self._log_file = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def record(self, method: str, path: str, user_agent: str) -> None:
        """Note one request: in `.requests`, and as `METHOD PATH USER-AGENT` in the log file."""
        with self._lock:
            self.requests.append(path)
            if self._log_file:
                self._log_file.write(f"{method} {path} {user_agent}\n")
                self._log_file.flush()

    def respond(self, path: str, headers: Any = None) -> Response:
        if self.delay and not path.startswith("/robots.txt"):
            time.sleep(self.delay)
        try:
            if self._wants_headers:
                return self._handle(path, headers or {})
            return self._handle(path)
        except Exception:  # a replica bug should show up in the test output, not hang the client
            body = traceback.format_exc().encode("utf-8")
            return 500, {"Content-Type": "text/plain; charset=UTF-8"}, body


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        replica: ReplicaServer = self.server.replica  # type: ignore[attr-defined]
        replica.record(self.command, self.path, self.headers.get("User-Agent", "-"))
        status, headers, body = replica.respond(self.path, self.headers)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True  # the client gave up (a size limit, a timeout): its business

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are recorded by ReplicaServer.record; stderr stays quiet


def _write_port_file(path: Path, port: int) -> None:
    # Written whole then renamed, so a Makefile polling for the file never reads half of it.
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(f"{port}\n", encoding="utf-8")
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m replicas.server",
        description="Serve a replica news site on loopback until SIGTERM or SIGINT.",
    )
    parser.add_argument("site", choices=sorted(SITES), help="which replica to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", type=Path, help="write the chosen port here once listening")
    parser.add_argument("--log", type=Path, help="append 'METHOD PATH USER-AGENT' lines here")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args(argv)

    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    with ReplicaServer(SITES[args.site](), args.host, args.port, args.log, args.delay) as server:
        if args.port_file:
            _write_port_file(args.port_file, server.port)
        print(f"{args.site} replica at {server.base_url}", flush=True)
        while not stop_requested.wait(0.5):
            pass
    if args.port_file:
        args.port_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
