"""What the tests share: the live bridge's settings, and small local servers that stand in
for a network that loses answers, a bridge that is busy, or the ERP receiving webhooks."""

from __future__ import annotations

import http.server
import json
import os
import queue
import socket
import threading
import unittest
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from printbridge_client import BridgeClient

#: The repository's clients/python folder.
CLIENT_DIR = Path(__file__).resolve().parent.parent
REPOSITORY = CLIENT_DIR.parent.parent
EXAMPLES = REPOSITORY / "examples" / "invoices"


def live_env(name: str) -> str:
    """A setting the JUnit test (PythonClientTest) passes; the live tests skip without a server."""
    value = os.environ.get(name)
    if not value:
        raise unittest.SkipTest(f"{name} not set: run from PythonClientTest (mvn ... -Dtest=PythonClientTest)")
    return value


def live_client(**kwargs) -> BridgeClient:
    live_env("PRINTBRIDGE_URL")
    kwargs.setdefault("timeout", 15)
    return BridgeClient.from_env(**kwargs)


def example_invoice(name: str = "fr-cash-58mm.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


class Sleeps(list):
    """A ``sleep`` for the client that records how long it was asked to wait, and does not."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


# ---------------------------------------------------------------------- a scripted HTTP server


class ScriptedServer:
    """An HTTP server on 127.0.0.1 that answers each request with the next of ``answers``
    (status, headers, body, seconds to wait first) and records every request."""

    def __init__(self, answers: List[Tuple[int, Dict[str, str], bytes, float]]) -> None:
        self.answers = list(answers)
        self.requests: List[Tuple[str, str, Dict[str, str], bytes]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append((self.command, self.path, dict(self.headers), body))
                status, headers, payload, delay = outer.answers.pop(0) if outer.answers else (500, {}, b"", 0)
                if delay:
                    threading.Event().wait(delay)
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def json_answer(status: int, body: dict, headers: Optional[Dict[str, str]] = None, delay: float = 0):
    return (status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body).encode(), delay)


# ---------------------------------------------------------------------- a network that loses an answer


class LosingProxy:
    """A TCP proxy to ``upstream`` (host, port) that, for the first ``lose`` connections,
    forwards the request, reads the whole answer, and closes the connection without passing it
    on: the request reached the server, its answer was lost on the way back. Records each
    request's head and each answer's status and body."""

    def __init__(self, upstream: Tuple[str, int], lose: int = 1) -> None:
        self.upstream = upstream
        self.lose = lose
        self.request_heads: List[str] = []
        self.answers: List[Tuple[int, bytes, bool]] = []  # status, body, passed on
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        with client, socket.create_connection(self.upstream, timeout=30) as server:
            client.settimeout(30)
            head, body = _read_message(client)
            self.request_heads.append(head.decode("latin-1"))
            server.sendall(head + body)
            answer_head, answer_body = _read_message(server)
            status = int(answer_head.split(b" ", 2)[1])
            lost = len(self.answers) < self.lose
            self.answers.append((status, answer_body, not lost))
            if not lost:
                client.sendall(answer_head + answer_body)

    def close(self) -> None:
        self._listener.close()


def _read_message(sock: socket.socket) -> Tuple[bytes, bytes]:
    """One HTTP/1.1 message: its head (through the blank line) and its body (Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the end of the head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n", body


def header(head: str, name: str) -> Optional[str]:
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


# ---------------------------------------------------------------------- the ERP's webhook endpoint


class WebhookReceiver:
    """The ERP's webhook URL on ``port``: answers 200 and queues (headers, raw body)."""

    def __init__(self, port: int) -> None:
        self.received: "queue.Queue[Tuple[Dict[str, str], bytes]]" = queue.Queue()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.received.put((dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def await_delivery(self, matches: Callable[[dict], bool], timeout: float) -> Tuple[Dict[str, str], bytes]:
        """The first delivery whose JSON ``matches``; fails after ``timeout`` seconds."""
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                try:
                    headers, body = self.received.get(timeout=0.2)
                except queue.Empty:
                    continue
                if matches(json.loads(body)):
                    return headers, body
        finally:
            timer.cancel()
        raise AssertionError(f"no matching webhook within {timeout} s")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
