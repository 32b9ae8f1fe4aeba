"""One exception hierarchy for everything the client raises.

Every exception is a :class:`BridgeError` with ``status`` (the HTTP status, ``None`` when no
answer came or the failure is not an HTTP answer), ``code`` (the API's stable code, such as
``UNKNOWN_STORE`` or ``PAPER_OUT``) and ``message`` (the API's sentence, for people).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class BridgeError(Exception):
    """Something the bridge refused, or could not be asked."""

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: str = "ERROR",
        details: Optional[List[Dict[str, str]]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        #: One ``{"path": ..., "message": ...}`` per wrong field (an invalid invoice), else empty.
        self.details: List[Dict[str, str]] = list(details or [])

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.details:
            text += "".join(f"\n  {d.get('path', '?')}: {d.get('message', '')}" for d in self.details)
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, message={self.message!r})"


class ConfigurationError(BridgeError, ValueError):
    """The client itself is set up wrong (a missing URL, token or store id): code CONFIGURATION."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        kwargs.setdefault("code", "CONFIGURATION")
        super().__init__(message, **kwargs)


class AuthError(BridgeError):
    """The token was refused (401) or may not do this (403)."""


class Unauthenticated(AuthError):
    """401 UNAUTHENTICATED: no token, or one the server does not know (or that was revoked)."""


class Forbidden(AuthError):
    """403 FORBIDDEN: the token may not use this store, or lacks the scope of the call."""


class NotFound(BridgeError):
    """404: UNKNOWN_STORE (no agent of that store ever connected), UNKNOWN_JOB..."""


class ValidationError(BridgeError, ValueError):
    """400/413/422: the request was wrong (INVALID_REQUEST, INVALID_INVOICE with ``details``,
    MALFORMED_JSON, BODY_TOO_LARGE), or the client refused to send it (a float amount)."""


class Conflict(BridgeError):
    """409 IDEMPOTENCY_CONFLICT: the same Idempotency-Key was used with another body."""


class RateLimited(BridgeError):
    """429 QUEUE_FULL: the store has as many jobs waiting as it may. ``retry_after`` is the
    server's Retry-After in seconds (``None`` if it gave none)."""

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class Unavailable(BridgeError):
    """The bridge could not be reached or could not take the request now: 502/503/504
    (STORAGE_UNAVAILABLE...), a refused or cut connection (code UNREACHABLE) or no answer in
    time (code TIMEOUT). Nothing is known to have been queued unless the same call is retried
    with the same Idempotency-Key."""


class JobFailed(BridgeError):
    """A job ended without doing its work: state FAILED (``code`` is the job's error code:
    PAPER_OUT, COVER_OPEN, PRINTER_OFFLINE...), EXPIRED (never executed) or UNCERTAIN (may or
    may not have printed: never retry it blindly). ``job`` is the job's JSON."""

    def __init__(self, job: Dict[str, Any]) -> None:
        error = job.get("error") or {}
        state = job.get("state", "?")
        code = error.get("code") or state
        message = error.get("message") or _STATE_MESSAGES.get(state, f"job ended {state}")
        super().__init__(message, code=code)
        self.job = job
        self.state = state
        self.job_id = job.get("id")


_STATE_MESSAGES = {
    "EXPIRED": "the job's time to live ran out before the shop's agent could execute it; it never will",
    "UNCERTAIN": "whether it printed is unknown (the agent stopped mid-job); check the paper before printing again",
}


class StreamOverflow(BridgeError):
    """The events stream fell too far behind and the server ended it (STREAM_OVERFLOW):
    reconnect and re-read the jobs you follow by id."""


class WebhookVerificationError(BridgeError, ValueError):
    """A webhook request is not a fresh, untampered one from the bridge: code
    MISSING_HEADER, STALE_TIMESTAMP or BAD_SIGNATURE. Answer it 401 and ignore it."""
