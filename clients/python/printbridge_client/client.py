"""The bridge's REST API (/api/v1) for the ERP, over the standard library only."""

from __future__ import annotations

import base64
import email.utils
import http.client
import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional

from .documents import encode_document
from .errors import (
    BridgeError,
    ConfigurationError,
    Conflict,
    Forbidden,
    JobFailed,
    NotFound,
    RateLimited,
    Unauthenticated,
    Unavailable,
    ValidationError,
)
from .events import EventStream

#: States after which a job never changes again.
FINAL_STATES = frozenset({"DONE", "FAILED", "EXPIRED", "UNCERTAIN"})
#: The longest ``?wait=`` the server takes, in seconds.
MAX_WAIT_SECONDS = 60
#: Statuses worth the same request again (with the same Idempotency-Key): the server or the
#: proxy in front of it could not take it now, and nothing was queued.
RETRIED_STATUSES = frozenset({429, 502, 503, 504})
#: Stores per page when listing them: the server's largest page (it answers at most 1000).
STORES_PAGE_SIZE = 1000

USER_AGENT = "printbridge-client-python/0.1"

#: The ERP's environment variables (its .env): what the old agent's PRINTER_AGENT_* became.
ENV_URL = "PRINTBRIDGE_URL"
ENV_TOKEN = "PRINTBRIDGE_TOKEN"
ENV_STORE = "PRINTBRIDGE_STORE"


def is_final(job: Mapping[str, Any]) -> bool:
    """Whether ``job`` (its JSON) has reached a state it never leaves."""
    return job.get("state") in FINAL_STATES


class BridgeClient:
    """A client of one bridge server for one API token.

    Every job call sends an ``Idempotency-Key`` (a new UUID unless you give one) and, on a
    timeout, a refused or cut connection, or a 429/502/503/504, sends the same request again
    with the same key, at most ``max_retries`` times: the server then answers the job it
    already has instead of printing twice. A Retry-After longer than ``max_retry_wait``
    seconds is not waited for: :class:`RateLimited` is raised at once with ``retry_after``.

    ``store_id`` is the store used when a call names none (PRINTBRIDGE_STORE for one shop's
    ERP). ``sleep`` is how the client waits between attempts (tests pass a recorder).
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        store_id: Optional[str] = None,
        timeout: float = 10.0,
        max_retries: int = 3,
        max_retry_wait: float = 30.0,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        opener: Optional[urllib.request.OpenerDirector] = None,
    ) -> None:
        if not base_url or not base_url.startswith(("http://", "https://")):
            raise ConfigurationError(f"base_url: {base_url!r} (expected: http:// or https:// and the bridge's host)")
        if not token or not token.strip():
            raise ConfigurationError("token: empty (expected: the API token made with `bridge-server tokens create`)")
        if max_retries < 0:
            raise ConfigurationError(f"max_retries: {max_retries} (expected: 0 or more)")
        self.base_url = base_url.rstrip("/")
        self.store_id = store_id or None
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff = backoff
        self._token = token.strip()
        self._sleep = sleep
        self._opener = opener or urllib.request.build_opener()

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None, **kwargs: Any) -> "BridgeClient":
        """A client from PRINTBRIDGE_URL, PRINTBRIDGE_TOKEN and (optional) PRINTBRIDGE_STORE."""
        env = os.environ if environ is None else environ
        missing = [name for name in (ENV_URL, ENV_TOKEN) if not env.get(name, "").strip()]
        if missing:
            raise ConfigurationError(
                f"{' and '.join(missing)} not set (expected in the ERP's .env: {ENV_URL}=https://bridge.example.com,"
                f" {ENV_TOKEN}=<API token>, {ENV_STORE}=<store id>)"
            )
        return cls(env[ENV_URL].strip(), env[ENV_TOKEN], store_id=env.get(ENV_STORE, "").strip() or None, **kwargs)

    def __repr__(self) -> str:  # never the token
        return f"BridgeClient({self.base_url!r}, store_id={self.store_id!r})"

    # ------------------------------------------------------------------ jobs

    def print_invoice(
        self,
        invoice: Mapping[str, Any],
        *,
        store_id: Optional[str] = None,
        open_drawer: bool = False,
        printer: Optional[str] = None,
        wait: int = 20,
        ttl_seconds: Optional[int] = None,
        idempotency_key: Optional[str] = None,
        raise_on_failure: bool = True,
    ) -> Dict[str, Any]:
        """Prints an invoice document (examples/invoices/README.md); the server lays it out for
        the store's printer and writes the amount in words. Amounts are str, Decimal or int,
        never float. ``open_drawer=True`` for a cash sale: the drawer opens once it printed.

        Returns the job's JSON: final when it finished within ``wait`` seconds, else as it is
        (QUEUED while the shop is offline; it prints when the shop is back, within its time to
        live). Raises :class:`JobFailed` if it ended FAILED, EXPIRED or UNCERTAIN."""
        body = {"type": "invoice", "invoice": encode_document(dict(invoice))}
        return self.submit(
            self._with(body, printer, ttl_seconds, open_drawer),
            store_id=store_id,
            wait=wait,
            idempotency_key=idempotency_key,
            raise_on_failure=raise_on_failure,
        )

    def print_raw(
        self,
        data: bytes,
        *,
        store_id: Optional[str] = None,
        open_drawer: bool = False,
        printer: Optional[str] = None,
        wait: int = 20,
        ttl_seconds: Optional[int] = None,
        idempotency_key: Optional[str] = None,
        raise_on_failure: bool = True,
    ) -> Dict[str, Any]:
        """Prints bytes already in ESC/POS, as they are. Same answers as :meth:`print_invoice`."""
        if not isinstance(data, (bytes, bytearray)) or not data:
            raise ValidationError("data: expected non-empty bytes of ESC/POS", code="INVALID_REQUEST")
        body = {"type": "raw", "data": base64.b64encode(bytes(data)).decode("ascii")}
        return self.submit(
            self._with(body, printer, ttl_seconds, open_drawer),
            store_id=store_id,
            wait=wait,
            idempotency_key=idempotency_key,
            raise_on_failure=raise_on_failure,
        )

    def open_drawer(
        self,
        *,
        store_id: Optional[str] = None,
        printer: Optional[str] = None,
        pin: Optional[int] = None,
        pulse_ms: Optional[int] = None,
        wait: int = 10,
        idempotency_key: Optional[str] = None,
        raise_on_failure: bool = True,
    ) -> Dict[str, Any]:
        """Opens the cash drawer wired to the printer (pin 2 or 5 and pulse 20-250 ms, or the
        agent's settings). A drawer job lives 15 s: it never springs open long after asked."""
        body: Dict[str, Any] = {"type": "drawer"}
        if pin is not None:
            body["pin"] = pin
        if pulse_ms is not None:
            body["pulseMs"] = pulse_ms
        return self.submit(
            self._with(body, printer, None),
            store_id=store_id,
            wait=wait,
            idempotency_key=idempotency_key,
            raise_on_failure=raise_on_failure,
        )

    def printer_status(
        self, *, store_id: Optional[str] = None, printer: Optional[str] = None, wait: int = 10
    ) -> Dict[str, Any]:
        """Asks the printer now (a status job) and returns what it reported: ``state``
        (READY, NOT_READY...), ``detail``, ``paperEnd``, ``paperNearEnd``, ``coverOpen``,
        ``drawer``... Raises :class:`Unavailable` (code NO_ANSWER) when the shop's agent did
        not answer within ``wait`` seconds: :meth:`store` has the last status it reported."""
        job = self.submit(self._with({"type": "status"}, printer, None), store_id=store_id, wait=wait)
        if not is_final(job) or "printerStatus" not in job:
            raise Unavailable(
                f"store {job.get('storeId')}: its agent did not answer the status query within {wait} s"
                f" (job {job.get('id')} is {job.get('state')}); see store() for the last known status",
                code="NO_ANSWER",
            )
        return job["printerStatus"]

    def submit(
        self,
        body: Mapping[str, Any],
        *,
        store_id: Optional[str] = None,
        wait: int = 0,
        idempotency_key: Optional[str] = None,
        raise_on_failure: bool = True,
    ) -> Dict[str, Any]:
        """Sends one job body as the API takes it (``{"type": ...}``); the other methods use it."""
        store = self._store(store_id)
        key = idempotency_key or str(uuid.uuid4())
        path = f"/api/v1/stores/{_quote(store)}/jobs" + _wait_query(wait)
        job = self._request("POST", path, body=dict(body), idempotency_key=key, extra_timeout=wait)
        return self._checked(job, raise_on_failure)

    def get_job(self, job_id: str, *, wait: int = 0) -> Dict[str, Any]:
        """The job's JSON with its history; with ``wait``, once final or when the wait is over."""
        return self._request("GET", f"/api/v1/jobs/{_quote(job_id)}" + _wait_query(wait), extra_timeout=wait)

    def wait_for_job(
        self, job_id: str, *, timeout: float = 60.0, raise_on_failure: bool = True
    ) -> Dict[str, Any]:
        """Waits up to ``timeout`` seconds for the job to be final (long polls of at most 60 s
        each) and returns it, final or, when the time is over, as it is then. Raises
        :class:`JobFailed` if it ended FAILED, EXPIRED or UNCERTAIN."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            job = self.get_job(job_id, wait=max(0, min(MAX_WAIT_SECONDS, int(remaining))))
            if is_final(job) or deadline - time.monotonic() < 1:
                return self._checked(job, raise_on_failure)

    # ------------------------------------------------------------------ stores, events

    def list_stores(
        self,
        *,
        online: Optional[bool] = None,
        printer_problem: bool = False,
        certificate_expires_within_days: Optional[int] = None,
        search: Optional[str] = None,
        page_size: int = STORES_PAGE_SIZE,
    ) -> List[Dict[str, Any]]:
        """Every store this token may use whose agent ever connected, in store id order: ``storeId``,
        ``online``, ``lastSeen``, ``agentVersion``, ``printers`` (each with its last ``status``)...

        The server answers a page at a time; this follows each page's ``next`` until the last,
        so the list is whole. The filters are the server's (they combine): ``online`` True or
        False, ``printer_problem`` (a printer not READY or nearly out of paper),
        ``certificate_expires_within_days`` (expired ones included), ``search`` (part of the
        store id or PC hostname, any case)."""
        return list(
            self.iter_stores(
                online=online,
                printer_problem=printer_problem,
                certificate_expires_within_days=certificate_expires_within_days,
                search=search,
                page_size=page_size,
            )
        )

    def iter_stores(
        self,
        *,
        online: Optional[bool] = None,
        printer_problem: bool = False,
        certificate_expires_within_days: Optional[int] = None,
        search: Optional[str] = None,
        page_size: int = STORES_PAGE_SIZE,
    ) -> Iterator[Dict[str, Any]]:
        """:meth:`list_stores` one store at a time, asking for the next page only when needed.

        Paging is by cursor (``after=`` the previous page's ``next``): a store connecting for the
        first time during the walk does not shift the pages, and none is seen twice."""
        query: Dict[str, str] = {"limit": str(page_size)}
        if online is not None:
            query["online"] = "true" if online else "false"
        if printer_problem:
            query["problem"] = "printer"
        if certificate_expires_within_days is not None:
            query["certificateExpiresWithinDays"] = str(certificate_expires_within_days)
        if search:
            query["q"] = search
        after: Optional[str] = None
        while True:
            page_query = dict(query, after=after) if after else query
            page = self._request("GET", "/api/v1/stores?" + urllib.parse.urlencode(page_query))
            yield from page["stores"]
            after = page.get("next")
            if not after:
                return

    def store(self, store_id: Optional[str] = None) -> Dict[str, Any]:
        """One store as :meth:`list_stores` has it; :class:`NotFound` (UNKNOWN_STORE) if absent."""
        wanted = self._store(store_id)
        # The search narrows the walk to the stores whose id contains this one (few pages at most).
        for store in self.iter_stores(search=wanted):
            if store.get("storeId") == wanted:
                return store
        raise NotFound(
            f"unknown store {wanted!r} (expected: a store whose agent connected at least once and that this token may"
            " use)",
            status=404,
            code="UNKNOWN_STORE",
        )

    def events(self, *, store_id: Optional[str] = None, read_timeout: float = 60.0) -> EventStream:
        """The live events (server-sent events) of ``store_id``, or of the client's store, or of
        every store of the token when neither is set. Returns once the server listens: nothing
        that happens after this call is missed. Use it as a context manager and iterate::

            with client.events() as stream:
                for event in stream:          # event.name is "job" or "store"
                    ...

        No replay: after a disconnection, open it again and re-read the jobs you follow."""
        store = store_id or self.store_id
        path = "/api/v1/events" + (f"?store={_quote(store)}" if store else "")
        request = self._http_request("GET", path, None, None, accept="text/event-stream")
        return EventStream.opened(self._open(request, self.timeout), read_timeout)

    # ------------------------------------------------------------------ HTTP

    def _store(self, store_id: Optional[str]) -> str:
        store = store_id or self.store_id
        if not store:
            raise ConfigurationError(
                f"no store id (expected: store_id=... or {ENV_STORE} / BridgeClient(store_id=...))"
            )
        return store

    @staticmethod
    def _with(
        body: Dict[str, Any], printer: Optional[str], ttl_seconds: Optional[int], open_drawer: bool = False
    ) -> Dict[str, Any]:
        """``body`` with the fields every job type may have, where given."""
        if open_drawer:
            body["openDrawer"] = True
        if printer:
            body["printer"] = printer
        if ttl_seconds is not None:
            body["ttlSeconds"] = ttl_seconds
        return body

    @staticmethod
    def _checked(job: Dict[str, Any], raise_on_failure: bool) -> Dict[str, Any]:
        if raise_on_failure and is_final(job) and job["state"] != "DONE":
            raise JobFailed(job)
        return job

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: Optional[Dict[str, Any]] = None,
        idempotency_key: Optional[str] = None,
        extra_timeout: float = 0,
    ) -> Any:
        """One call, retried on what is worth retrying; the same request (same key) each time."""
        data = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        timeout = self.timeout + extra_timeout
        attempt = 0
        while True:
            request = self._http_request(method, path, data, idempotency_key)
            try:
                return json.loads(self._exchange(request, timeout).decode("utf-8"))
            except (RateLimited, Unavailable) as error:
                delay = self._delay(error, attempt)
                if delay is None:
                    raise
            attempt += 1
            self._sleep(delay)

    def _delay(self, error: BridgeError, attempt: int) -> Optional[float]:
        """How long to wait before the next attempt, or None to give up with ``error``."""
        if attempt >= self.max_retries:
            return None
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_wait else None
        # Exponential backoff with full jitter, so many tills do not come back in step.
        return random.uniform(0, min(self.max_retry_wait, self.backoff * (2**attempt)))

    def _http_request(
        self,
        method: str,
        path: str,
        data: Optional[bytes],
        idempotency_key: Optional[str],
        accept: str = "application/json",
    ) -> urllib.request.Request:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": accept, "User-Agent": USER_AGENT}
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)

    def _exchange(self, request: urllib.request.Request, timeout: float) -> bytes:
        """The body of one attempt's answer (2xx), or the error it means, raised."""
        with self._open(request, timeout) as response:
            try:
                return response.read()
            except (OSError, http.client.HTTPException) as e:
                raise _transport_error(request, timeout, e) from e

    def _open(self, request: urllib.request.Request, timeout: float) -> http.client.HTTPResponse:
        """The response of one attempt (2xx) with its body unread, or the error it means, raised."""
        try:
            return self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as e:
            try:
                raise error_from_response(e.code, e.headers, _read_quietly(e)) from None
            finally:
                e.close()
        except (OSError, http.client.HTTPException) as e:  # URLError is an OSError
            raise _transport_error(request, timeout, e) from e


def _transport_error(request: urllib.request.Request, timeout: float, error: Exception) -> Unavailable:
    """No answer: a timeout (TIMEOUT), or a refused, reset or cut connection (UNREACHABLE)."""
    reason = getattr(error, "reason", error)
    where = f"{request.get_method()} {request.full_url}"
    if isinstance(reason, (TimeoutError, _SocketTimeout)) or "timed out" in str(reason):
        return Unavailable(f"{where}: no answer within {timeout:g} s", code="TIMEOUT")
    return Unavailable(f"{where}: {reason or type(error).__name__}", code="UNREACHABLE")


try:  # Python 3.9: socket.timeout is not yet TimeoutError
    from socket import timeout as _SocketTimeout
except ImportError:  # pragma: no cover
    _SocketTimeout = TimeoutError  # type: ignore[misc,assignment]


_ERRORS_BY_STATUS = {
    400: ValidationError,
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: ValidationError,
    422: ValidationError,
    429: RateLimited,
    502: Unavailable,
    503: Unavailable,
    504: Unavailable,
}


def error_from_response(status: int, headers: Mapping[str, str], body: bytes) -> BridgeError:
    """The exception an error answer means: its class from the status, its code and message
    from the API's ``{"error": {"code", "message", "details"}}`` (or the status, for an answer
    that is not the API's own, such as a proxy's HTML page)."""
    code, message, details = f"HTTP_{status}", "", None
    try:
        error = json.loads(body.decode("utf-8"))["error"]
        code, message, details = error["code"], error["message"], error.get("details")
    except (ValueError, KeyError, TypeError, AttributeError):
        message = body.decode("utf-8", "replace").strip()[:300] or f"HTTP {status} without a body"
    cls = _ERRORS_BY_STATUS.get(status, Unavailable if status >= 500 else BridgeError)
    if cls is RateLimited:
        return RateLimited(
            message, status=status, code=code, details=details, retry_after=_retry_after(headers.get("Retry-After"))
        )
    return cls(message, status=status, code=code, details=details)


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read_quietly(response: Any) -> bytes:
    try:
        return response.read()
    except (OSError, http.client.HTTPException):
        return b""


def _quote(segment: str) -> str:
    return urllib.parse.quote(segment, safe="")


def _wait_query(wait: float) -> str:
    seconds = int(wait)
    if seconds < 0 or seconds > MAX_WAIT_SECONDS:
        raise ValidationError(f"wait: {wait} (expected: 0 to {MAX_WAIT_SECONDS} seconds)", code="INVALID_REQUEST")
    return f"?wait={seconds}" if seconds else ""


__all__: Iterable[str] = ("BridgeClient", "FINAL_STATES", "error_from_response", "is_final")
