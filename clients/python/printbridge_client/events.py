"""The live events stream (GET /api/v1/events): server-sent events, read line by line."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any, Iterator, List, Optional

from .errors import StreamOverflow, Unavailable

#: The comment the server writes once the stream listens.
CONNECTED = "connected"


@dataclass(frozen=True)
class Event:
    """One server-sent event: ``name`` is ``job`` (``data`` is the job's JSON: id, storeId,
    state, error, drawer...) or ``store`` (storeId, online, detail, at); ``id`` counts this
    connection's events (1, 2, 3...) and says nothing about other connections."""

    name: str
    data: Any
    id: Optional[str] = None


class SseParser:
    """Turns lines of a text/event-stream into :class:`Event` s and comments, as EventSource does."""

    def __init__(self) -> None:
        self._name: Optional[str] = None
        self._id: Optional[str] = None
        self._data: Optional[List[str]] = None

    def feed(self, line: str) -> Optional[Any]:
        """One line without its end of line; returns an :class:`Event` when a blank line ends
        one, a comment's text (str) for a comment line, otherwise None."""
        if line == "":
            event = None
            if self._data is not None:
                text = "\n".join(self._data)
                try:
                    data: Any = json.loads(text)
                except ValueError:
                    data = text
                event = Event(self._name or "message", data, self._id)
            self._name, self._id, self._data = None, None, None
            return event
        if line.startswith(":"):
            return line[1:].lstrip(" ")
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._name = value
        elif field == "id":
            self._id = value
        elif field == "data":
            self._data = (self._data or []) + [value]
        return None  # "retry" and unknown fields are ignored, as the specification says


class EventStream:
    """An open events connection; iterate it for :class:`Event` s (comments, such as the
    heartbeats, are skipped). Iteration ends when the server ends the stream; it raises
    :class:`StreamOverflow` if the server ended it because this reader fell behind, and
    :class:`Unavailable` (TIMEOUT) when nothing, not even a heartbeat, came in time."""

    def __init__(self, response: http.client.HTTPResponse, read_timeout: float) -> None:
        self._response = response
        self._parser = SseParser()
        self._read_timeout = read_timeout
        _set_read_timeout(response, read_timeout)

    @classmethod
    def opened(cls, response: http.client.HTTPResponse, read_timeout: float) -> "EventStream":
        """The stream, once the server's first comment says it listens."""
        stream = cls(response, read_timeout)
        try:
            for item in stream._items():
                if isinstance(item, str) and item == CONNECTED:
                    return stream
        except BaseException:
            stream.close()
            raise
        stream.close()
        raise Unavailable("the events stream ended before it said it was connected", code="STREAM_ENDED")

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._response.close()

    def __iter__(self) -> Iterator[Event]:
        for item in self._items():
            if isinstance(item, Event):
                if item.name == "overflow":
                    error = item.data.get("error", {}) if isinstance(item.data, dict) else {}
                    raise StreamOverflow(
                        error.get("message", "the events stream fell behind and was ended"),
                        code=error.get("code", "STREAM_OVERFLOW"),
                    )
                yield item

    def _items(self) -> Iterator[Any]:
        while True:
            try:
                raw = self._response.readline()
            except (OSError, http.client.HTTPException, ValueError) as e:
                if "timed out" in str(e) or isinstance(e, TimeoutError):
                    raise Unavailable(
                        f"the events stream was silent for {self._read_timeout:g} s (no event, no heartbeat)",
                        code="TIMEOUT",
                    ) from e
                if isinstance(e, ValueError):  # closed by close() from another thread
                    return
                raise Unavailable(f"the events stream was cut: {e}", code="UNREACHABLE") from e
            if not raw:
                return
            item = self._parser.feed(raw.decode("utf-8").rstrip("\r\n"))
            if item is not None:
                yield item


def _set_read_timeout(response: http.client.HTTPResponse, seconds: float) -> None:
    """The socket's timeout from now on: the server sends a heartbeat comment every 15 s."""
    sock = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(sock, "_sock", None)
    if sock is not None:
        sock.settimeout(seconds)
