"""What needs no bridge: amounts, webhook signatures, the events parser, error answers, and
the retries against a local server that answers as scripted."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import unittest
from decimal import Decimal

from printbridge_client import (
    BridgeClient,
    BridgeError,
    ConfigurationError,
    Forbidden,
    JobFailed,
    NotFound,
    RateLimited,
    Unauthenticated,
    Unavailable,
    ValidationError,
    WebhookVerificationError,
    encode_document,
    error_from_response,
    verify_webhook,
)
from printbridge_client.__main__ import read_env_file, test_invoice
from printbridge_client.events import Event, SseParser

from .support import ScriptedServer, Sleeps, json_answer

DONE = {"id": "01a2", "storeId": "alger-01", "type": "raw", "state": "DONE"}


class AmountsTest(unittest.TestCase):
    def test_decimals_become_plain_decimal_strings_exactly(self) -> None:
        encoded = encode_document(
            {"a": Decimal("1234.50"), "b": Decimal("1E+2"), "c": Decimal("-0.00"), "d": Decimal("0.1") + Decimal("0.2")}
        )

        self.assertEqual(encoded, {"a": "1234.50", "b": "100", "c": "0.00", "d": "0.3"})

    def test_integers_become_their_digits_and_strings_stay(self) -> None:
        self.assertEqual(encode_document({"quantity": 4, "unitPrice": "250.00"}), {"quantity": "4", "unitPrice": "250.00"})

    def test_a_float_is_refused_with_its_path(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            encode_document({"lines": [{"unitPrice": "1.00"}, {"unitPrice": 0.1 + 0.2}]})

        self.assertIn("invoice.lines[1].unitPrice: 0.30000000000000004 is a float", raised.exception.message)
        self.assertIsNone(raised.exception.status)

    def test_a_float_in_an_invoice_is_refused_before_anything_is_sent(self) -> None:
        server = ScriptedServer([])
        self.addCleanup(server.close)
        invoice = test_invoice()
        invoice["totals"]["total"] = 100.0

        with self.assertRaises(ValidationError):
            BridgeClient(server.url, "t", store_id="alger-01").print_invoice(invoice)

        self.assertEqual(server.requests, [])

    def test_not_a_number_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            encode_document({"total": Decimal("NaN")})

    def test_an_aware_datetime_becomes_iso_8601_with_its_offset_and_a_naive_one_is_refused(self) -> None:
        algiers = dt.timezone(dt.timedelta(hours=1))
        issued = dt.datetime(2026, 11, 24, 10, 42, tzinfo=algiers)

        self.assertEqual(encode_document({"issuedAt": issued}), {"issuedAt": "2026-11-24T10:42:00+01:00"})
        with self.assertRaises(ValidationError) as raised:
            encode_document({"issuedAt": dt.datetime(2026, 11, 24, 10, 42)})
        self.assertIn("invoice.issuedAt", raised.exception.message)


class WebhookSignatureTest(unittest.TestCase):
    SECRET = "a-secret-of-32-characters-or-so!"
    BODY = b'{"id":"01a2","storeId":"alger-01","state":"DONE"}'
    NOW = 1_790_000_000

    def headers(self, timestamp: int = NOW, body: bytes = BODY, secret: str = SECRET) -> dict:
        # Computed here as the bridge's WebhookSignature does, not with the client's own function.
        mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        return {"X-Printbridge-Timestamp": str(timestamp), "X-Printbridge-Signature": "sha256=" + mac}

    def test_a_good_signature_verifies_and_gives_the_json(self) -> None:
        self.assertEqual(verify_webhook(self.headers(), self.BODY, self.SECRET, now=self.NOW)["state"], "DONE")

    def test_headers_are_found_whatever_their_case(self) -> None:
        headers = {k.lower(): v for k, v in self.headers().items()}

        self.assertEqual(verify_webhook(headers, self.BODY, self.SECRET, now=self.NOW + 10)["id"], "01a2")

    def test_a_changed_body_is_refused(self) -> None:
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_webhook(self.headers(), self.BODY.replace(b"DONE", b"FAIL"), self.SECRET, now=self.NOW)

        self.assertEqual(raised.exception.code, "BAD_SIGNATURE")

    def test_another_secret_is_refused(self) -> None:
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_webhook(self.headers(secret="another-secret-of-some-length"), self.BODY, self.SECRET, now=self.NOW)

        self.assertEqual(raised.exception.code, "BAD_SIGNATURE")

    def test_an_old_timestamp_is_refused_even_with_a_good_signature(self) -> None:
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_webhook(self.headers(), self.BODY, self.SECRET, now=self.NOW + 301)

        self.assertEqual(raised.exception.code, "STALE_TIMESTAMP")
        self.assertIsInstance(raised.exception, ValueError)

    def test_a_timestamp_from_the_future_is_refused(self) -> None:
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_webhook(self.headers(timestamp=self.NOW + 3600), self.BODY, self.SECRET, now=self.NOW)

        self.assertEqual(raised.exception.code, "STALE_TIMESTAMP")

    def test_a_request_without_the_headers_is_refused(self) -> None:
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_webhook({}, self.BODY, self.SECRET, now=self.NOW)

        self.assertEqual(raised.exception.code, "MISSING_HEADER")


class SseParserTest(unittest.TestCase):
    def test_lines_make_events_and_comments(self) -> None:
        parser = SseParser()
        lines = [":connected", "id: 1", "event: job", 'data: {"id":"a",', 'data: "state":"DONE"}', "", ": heartbeat"]

        items = [item for item in map(parser.feed, lines) if item is not None]

        self.assertEqual(items, ["connected", Event("job", {"id": "a", "state": "DONE"}, "1"), "heartbeat"])

    def test_an_event_without_data_is_not_dispatched(self) -> None:
        parser = SseParser()

        self.assertEqual([parser.feed(line) for line in ["event: job", ""]], [None, None])


class ErrorAnswersTest(unittest.TestCase):
    def answer(self, status: int, code: str = "X", headers: dict = None) -> BridgeError:
        body = json.dumps({"error": {"code": code, "message": "why"}}).encode()
        return error_from_response(status, headers or {}, body)

    def test_each_status_has_its_exception_carrying_the_apis_code_and_message(self) -> None:
        for status, cls in [
            (400, ValidationError),
            (401, Unauthenticated),
            (403, Forbidden),
            (404, NotFound),
            (429, RateLimited),
            (503, Unavailable),
        ]:
            error = self.answer(status, "SOME_CODE")
            self.assertIs(type(error), cls, status)
            self.assertEqual((error.status, error.code, error.message), (status, "SOME_CODE", "why"))

    def test_retry_after_is_read_in_seconds_or_as_a_date(self) -> None:
        self.assertEqual(self.answer(429, headers={"Retry-After": "7"}).retry_after, 7.0)
        in_a_minute = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=60)
        from email.utils import format_datetime

        later = self.answer(429, headers={"Retry-After": format_datetime(in_a_minute, usegmt=True)}).retry_after
        self.assertTrue(50 <= later <= 61, later)

    def test_an_answer_that_is_not_the_apis_json_keeps_its_status_and_text(self) -> None:
        error = error_from_response(502, {}, b"<html>Bad Gateway</html>")

        self.assertEqual((type(error), error.code, error.message), (Unavailable, "HTTP_502", "<html>Bad Gateway</html>"))

    def test_a_failed_job_carries_the_printers_code(self) -> None:
        error = JobFailed({"id": "j", "state": "FAILED", "error": {"code": "PAPER_OUT", "message": "paper out"}})

        self.assertEqual((error.code, error.message, error.state, error.status), ("PAPER_OUT", "paper out", "FAILED", None))
        self.assertEqual(str(error), "PAPER_OUT: paper out")


class StoreListTest(unittest.TestCase):
    def test_list_stores_follows_next_until_the_last_page(self) -> None:
        server = ScriptedServer(
            [
                json_answer(200, {"stores": [{"storeId": "alger-01"}, {"storeId": "alger-02"}], "next": "alger-02", "total": 3}),
                json_answer(200, {"stores": [{"storeId": "oran-01"}], "total": 3}),
            ]
        )
        self.addCleanup(server.close)

        stores = BridgeClient(server.url, "t").list_stores(online=False, printer_problem=True, page_size=2)

        self.assertEqual([s["storeId"] for s in stores], ["alger-01", "alger-02", "oran-01"])
        self.assertEqual(
            [path for (_, path, _, _) in server.requests],
            [
                "/api/v1/stores?limit=2&online=false&problem=printer",
                "/api/v1/stores?limit=2&online=false&problem=printer&after=alger-02",
            ],
        )

    def test_store_searches_for_its_id_and_takes_the_exact_match(self) -> None:
        server = ScriptedServer(
            [json_answer(200, {"stores": [{"storeId": "alger-01"}, {"storeId": "alger-010"}], "total": 2})]
        )
        self.addCleanup(server.close)

        store = BridgeClient(server.url, "t", store_id="alger-01").store()

        self.assertEqual(store["storeId"], "alger-01")
        self.assertEqual(server.requests[0][1], "/api/v1/stores?limit=1000&q=alger-01")

    def test_store_absent_from_every_page_is_not_found(self) -> None:
        server = ScriptedServer([json_answer(200, {"stores": [{"storeId": "alger-010"}], "total": 1})])
        self.addCleanup(server.close)

        with self.assertRaises(NotFound):
            BridgeClient(server.url, "t").store("alger-01")


class RetriesTest(unittest.TestCase):
    def client(self, server: ScriptedServer, **kwargs) -> BridgeClient:
        self.addCleanup(server.close)
        self.sleeps = Sleeps()
        return BridgeClient(server.url, "t", store_id="alger-01", sleep=self.sleeps, **kwargs)

    def keys(self, server: ScriptedServer) -> list:
        return [headers.get("Idempotency-Key") for _, _, headers, _ in server.requests]

    def test_a_503_is_retried_with_the_same_key_until_the_job_is_taken(self) -> None:
        busy = json_answer(503, {"error": {"code": "STORAGE_UNAVAILABLE", "message": "retry"}})
        server = ScriptedServer([busy, busy, json_answer(201, DONE)])

        job = self.client(server).print_raw(b"x")

        self.assertEqual(job["id"], "01a2")
        keys = self.keys(server)
        self.assertEqual(len(keys), 3)
        self.assertEqual(len(set(keys)), 1)
        self.assertIsNotNone(keys[0])
        self.assertEqual(len(self.sleeps), 2)

    def test_a_429_waits_as_retry_after_says_then_succeeds(self) -> None:
        full = json_answer(429, {"error": {"code": "QUEUE_FULL", "message": "full"}}, {"Retry-After": "3"})
        server = ScriptedServer([full, json_answer(201, DONE)])

        self.client(server).print_raw(b"x")

        self.assertEqual(self.sleeps, [3.0])
        self.assertEqual(len(set(self.keys(server))), 1)

    def test_retries_are_bounded(self) -> None:
        busy = json_answer(503, {"error": {"code": "STORAGE_UNAVAILABLE", "message": "retry later"}})
        server = ScriptedServer([busy] * 10)

        with self.assertRaises(Unavailable) as raised:
            self.client(server, max_retries=2).print_raw(b"x")

        self.assertEqual((raised.exception.status, raised.exception.code), (503, "STORAGE_UNAVAILABLE"))
        self.assertEqual(len(server.requests), 3)

    def test_a_timeout_is_retried_with_the_same_key(self) -> None:
        server = ScriptedServer([json_answer(201, DONE, delay=2), json_answer(200, DONE)])

        job = self.client(server, timeout=0.5).print_raw(b"x", wait=0)

        self.assertEqual(job["state"], "DONE")
        keys = self.keys(server)
        self.assertEqual(len(keys), 2)
        self.assertEqual(keys[0], keys[1])

    def test_a_refused_connection_raises_unavailable_after_the_retries(self) -> None:
        server = ScriptedServer([])
        url = server.url
        server.close()
        self.sleeps = Sleeps()
        bridge = BridgeClient(url, "t", store_id="alger-01", sleep=self.sleeps, max_retries=1)

        with self.assertRaises(Unavailable) as raised:
            bridge.print_raw(b"x")

        self.assertEqual((raised.exception.code, raised.exception.status), ("UNREACHABLE", None))
        self.assertEqual(len(self.sleeps), 1)

    def test_a_refusal_is_not_retried(self) -> None:
        server = ScriptedServer([json_answer(400, {"error": {"code": "INVALID_REQUEST", "message": "pin: 3"}})] * 3)

        with self.assertRaises(ValidationError):
            self.client(server).open_drawer(pin=3)

        self.assertEqual(len(server.requests), 1)

    def test_each_call_has_its_own_key_unless_one_is_given(self) -> None:
        server = ScriptedServer([json_answer(201, DONE)] * 3)
        bridge = self.client(server)

        bridge.print_raw(b"x")
        bridge.print_raw(b"x")
        bridge.print_raw(b"x", idempotency_key="invoice-FA-2026-004512")

        keys = self.keys(server)
        self.assertNotEqual(keys[0], keys[1])
        self.assertEqual(keys[2], "invoice-FA-2026-004512")

    def test_the_request_is_the_apis_job_body(self) -> None:
        server = ScriptedServer([json_answer(201, DONE)])

        self.client(server).print_raw(b"\x1b@", open_drawer=True, printer="kitchen", wait=20)

        method, path, headers, body = server.requests[0]
        self.assertEqual((method, path), ("POST", "/api/v1/stores/alger-01/jobs?wait=20"))
        self.assertEqual(headers["Authorization"], "Bearer t")
        self.assertEqual(json.loads(body), {"type": "raw", "data": "G0A=", "openDrawer": True, "printer": "kitchen"})


class SettingsTest(unittest.TestCase):
    def test_from_env_reads_the_three_settings(self) -> None:
        bridge = BridgeClient.from_env(
            {"PRINTBRIDGE_URL": "https://bridge.example.com/", "PRINTBRIDGE_TOKEN": "s3cr3t-token", "PRINTBRIDGE_STORE": "alger-01"}
        )

        self.assertEqual((bridge.base_url, bridge.store_id), ("https://bridge.example.com", "alger-01"))
        self.assertNotIn("s3cr3t-token", repr(bridge))

    def test_a_missing_setting_is_named(self) -> None:
        with self.assertRaises(ConfigurationError) as raised:
            BridgeClient.from_env({"PRINTBRIDGE_URL": "https://bridge.example.com"})

        self.assertIn("PRINTBRIDGE_TOKEN not set", raised.exception.message)

    def test_a_call_without_a_store_says_so(self) -> None:
        with self.assertRaises(ConfigurationError):
            BridgeClient("https://bridge.example.com", "t").print_raw(b"x")

    def test_an_env_file_is_read_with_comments_exports_and_quotes(self) -> None:
        import tempfile, os

        with tempfile.NamedTemporaryFile("w", suffix=".env", delete=False, encoding="utf-8") as f:
            f.write("# ERP\nSECRET_KEY=abc\nexport PRINTBRIDGE_URL='https://b.example.com'\n\nPRINTBRIDGE_STORE=\"alger-01\"\n")
        self.addCleanup(os.unlink, f.name)

        values = read_env_file(f.name)

        self.assertEqual(values["PRINTBRIDGE_URL"], "https://b.example.com")
        self.assertEqual(values["PRINTBRIDGE_STORE"], "alger-01")
        self.assertEqual(values["SECRET_KEY"], "abc")


if __name__ == "__main__":
    unittest.main()
