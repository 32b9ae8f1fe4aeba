"""Checking the bridge's webhooks in the ERP: who sent it, and when.

The bridge POSTs each job that reaches a final state with ``X-Printbridge-Timestamp``
(epoch seconds) and ``X-Printbridge-Signature: sha256=<hex HMAC-SHA256(secret,
"<timestamp>.<raw body>")>``. ``X-Printbridge-Delivery`` is the same on every retry of one
delivery: keep the ones seen and drop duplicates.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Mapping, Optional, Union

from .errors import WebhookVerificationError

TIMESTAMP_HEADER = "X-Printbridge-Timestamp"
SIGNATURE_HEADER = "X-Printbridge-Signature"
DELIVERY_HEADER = "X-Printbridge-Delivery"
EVENT_HEADER = "X-Printbridge-Event"
#: How far from now a timestamp may be: a request replayed later than this is refused.
DEFAULT_TOLERANCE_SECONDS = 300


def sign_webhook(secret: Union[str, bytes], timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``, as the bridge makes it."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    digest = hmac.new(key, str(timestamp).encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


def verify_webhook(
    headers: Mapping[str, str],
    body: bytes,
    secret: Union[str, bytes],
    *,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: Optional[float] = None,
) -> Any:
    """Returns the webhook's JSON (the job: id, storeId, state, error, drawer...) if the
    request is a fresh, untampered one from the bridge; raises
    :class:`WebhookVerificationError` (MISSING_HEADER, STALE_TIMESTAMP or BAD_SIGNATURE)
    otherwise. ``body`` must be the raw bytes received (Flask: ``request.get_data()``), not
    JSON parsed and written again; ``headers`` may be Flask's ``request.headers`` or a dict."""
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"body: {type(body).__name__} (expected: the raw bytes of the request)")
    timestamp = _header(headers, TIMESTAMP_HEADER)
    signature = _header(headers, SIGNATURE_HEADER)
    if not timestamp or not signature:
        missing = TIMESTAMP_HEADER if not timestamp else SIGNATURE_HEADER
        raise WebhookVerificationError(f"{missing}: missing (expected: a webhook from the bridge)", code="MISSING_HEADER")
    if not timestamp.isdigit() or len(timestamp) > 12:
        raise WebhookVerificationError(
            f"{TIMESTAMP_HEADER}: {timestamp[:20]!r} (expected: epoch seconds)", code="STALE_TIMESTAMP"
        )
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance_seconds:
        raise WebhookVerificationError(
            f"{TIMESTAMP_HEADER}: {timestamp} is {abs(current - int(timestamp)):.0f} s from now"
            f" (expected: within {tolerance_seconds} s; an old request replayed, or a clock off)",
            code="STALE_TIMESTAMP",
        )
    expected = sign_webhook(secret, int(timestamp), bytes(body))
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8", "replace")):
        raise WebhookVerificationError(
            f"{SIGNATURE_HEADER} does not match the body (expected: signed with this webhook's secret)",
            code="BAD_SIGNATURE",
        )
    return json.loads(bytes(body).decode("utf-8"))


def _header(headers: Mapping[str, str], name: str) -> str:
    """A header whatever its case (Flask's headers already ignore it; a dict does not)."""
    value = headers.get(name)
    if value is None:
        lower = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lower), None)
    return (value or "").strip()
