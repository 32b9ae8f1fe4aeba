"""The store printer bridge's client for the ERP (Python 3.9+, standard library only).

    from printbridge_client import BridgeClient
    bridge = BridgeClient.from_env()          # PRINTBRIDGE_URL, PRINTBRIDGE_TOKEN, PRINTBRIDGE_STORE
    job = bridge.print_invoice(invoice, open_drawer=True)

See clients/python/README.md.
"""

from .client import FINAL_STATES, BridgeClient, error_from_response, is_final
from .documents import decimal_string, encode_document
from .errors import (
    AuthError,
    BridgeError,
    ConfigurationError,
    Conflict,
    Forbidden,
    JobFailed,
    NotFound,
    RateLimited,
    StreamOverflow,
    Unauthenticated,
    Unavailable,
    ValidationError,
    WebhookVerificationError,
)
from .events import Event, EventStream
from .webhooks import sign_webhook, verify_webhook

__version__ = "0.1.0"

__all__ = [
    "AuthError",
    "BridgeClient",
    "BridgeError",
    "ConfigurationError",
    "Conflict",
    "Event",
    "EventStream",
    "FINAL_STATES",
    "Forbidden",
    "JobFailed",
    "NotFound",
    "RateLimited",
    "StreamOverflow",
    "Unauthenticated",
    "Unavailable",
    "ValidationError",
    "WebhookVerificationError",
    "decimal_string",
    "encode_document",
    "error_from_response",
    "is_final",
    "sign_webhook",
    "verify_webhook",
]
