"""The client against a live bridge with agents and virtual printers (PythonClientTest starts
them and passes their settings in PRINTBRIDGE_* variables). Skipped without a server."""

from __future__ import annotations

import json
import os
import time
import unittest
import urllib.parse
from decimal import Decimal

from printbridge_client import (
    FINAL_STATES,
    BridgeClient,
    BridgeError,
    Conflict,
    Forbidden,
    JobFailed,
    NotFound,
    RateLimited,
    Unauthenticated,
    ValidationError,
    WebhookVerificationError,
    verify_webhook,
)

from .support import EXAMPLES, LosingProxy, Sleeps, WebhookReceiver, example_invoice, header, live_client, live_env

#: Init, a line of text, a full cut.
RECEIPT = b"\x1b@Merci\n\x1dVB\x00"


def setUpModule() -> None:
    live_env("PRINTBRIDGE_URL")


class PrintingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.bridge = live_client()

    def test_an_invoice_with_decimal_amounts_prints_and_opens_the_drawer(self) -> None:
        invoice = example_invoice("fr-cash-58mm.json")
        for line in invoice["lines"]:
            line["unitPrice"] = Decimal(line["unitPrice"])
            line["amount"] = Decimal(line["unitPrice"]) * Decimal(line["quantity"])
        invoice["totals"]["total"] = Decimal("4158.57")

        job = self.bridge.print_invoice(invoice, open_drawer=True)

        self.assertEqual(job["state"], "DONE")
        self.assertEqual(job["type"], "invoice")
        self.assertEqual(job["drawer"], "OPENED")
        self.assertGreater(job["bytesWritten"], 0)

    def test_raw_bytes_print_as_they_are(self) -> None:
        job = self.bridge.print_raw(RECEIPT)

        self.assertEqual(job["state"], "DONE")
        self.assertEqual(job["bytesWritten"], len(RECEIPT))

    def test_the_drawer_opens(self) -> None:
        job = self.bridge.open_drawer(pin=2, pulse_ms=100)

        self.assertEqual((job["type"], job["state"]), ("drawer", "DONE"))

    def test_the_printer_reports_ready(self) -> None:
        status = self.bridge.printer_status()

        self.assertEqual(status["state"], "READY")
        self.assertFalse(status["paperEnd"])

    def test_a_printer_out_of_paper_reports_it_in_its_status(self) -> None:
        status = self.bridge.printer_status(store_id=live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE"))

        self.assertEqual(status["state"], "NOT_READY")
        self.assertTrue(status["paperEnd"])

    def test_a_print_on_a_printer_out_of_paper_raises_job_failed_with_the_printers_reason(self) -> None:
        store = live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE")
        with self.assertRaises(JobFailed) as raised:
            self.bridge.print_invoice(example_invoice(), store_id=store, open_drawer=True)

        error = raised.exception
        self.assertEqual((error.code, error.message), ("PAPER_OUT", "paper out on printer receipt"))
        self.assertEqual(error.state, "FAILED")
        self.assertEqual(error.job["drawer"], "NOT_OPENED")
        self.assertIsInstance(error, BridgeError)

    def test_raise_on_failure_false_returns_the_failed_job(self) -> None:
        store = live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE")
        job = self.bridge.print_raw(RECEIPT, store_id=store, raise_on_failure=False)

        self.assertEqual((job["state"], job["error"]["code"]), ("FAILED", "PAPER_OUT"))

    def test_a_job_read_back_by_id_has_its_history(self) -> None:
        printed = self.bridge.print_raw(RECEIPT)

        job = self.bridge.get_job(printed["id"])

        self.assertEqual(job["id"], printed["id"])
        self.assertEqual([step["state"] for step in job["history"]], ["QUEUED", "SENT", "DONE"])

    def test_wait_for_job_returns_it_once_final(self) -> None:
        queued = self.bridge.print_raw(RECEIPT, wait=0)

        job = self.bridge.wait_for_job(queued["id"], timeout=30)

        self.assertEqual(job["id"], queued["id"])
        self.assertEqual(job["state"], "DONE")


class StoresTest(unittest.TestCase):
    def test_list_stores_shows_each_store_online_or_not_with_its_printers(self) -> None:
        stores = {s["storeId"]: s for s in live_client().list_stores()}

        self.assertTrue(stores[os.environ["PRINTBRIDGE_STORE"]]["online"])
        self.assertFalse(stores[live_env("PRINTBRIDGE_TEST_OFFLINE_STORE")]["online"])
        paper_out = stores[live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE")]["printers"][0]
        self.assertEqual((paper_out["name"], paper_out["status"]["state"]), ("receipt", "NOT_READY"))

    def test_store_reads_one_store(self) -> None:
        store = live_client().store()

        self.assertEqual(store["storeId"], os.environ["PRINTBRIDGE_STORE"])
        self.assertEqual(store["printers"][0]["status"]["state"], "READY")

    def test_store_raises_not_found_for_a_store_never_seen(self) -> None:
        with self.assertRaises(NotFound) as raised:
            live_client().store("tlemcen-99")

        self.assertEqual(raised.exception.code, "UNKNOWN_STORE")


class ErrorsTest(unittest.TestCase):
    def test_an_unknown_store_raises_not_found_with_the_apis_code_and_message(self) -> None:
        with self.assertRaises(NotFound) as raised:
            live_client().print_raw(RECEIPT, store_id="tlemcen-99")

        error = raised.exception
        self.assertEqual((error.status, error.code), (404, "UNKNOWN_STORE"))
        self.assertTrue(error.message.startswith('unknown store "tlemcen-99"'), error.message)

    def test_a_bad_token_raises_unauthenticated(self) -> None:
        bridge = BridgeClient(os.environ["PRINTBRIDGE_URL"], "not-a-token", store_id=os.environ["PRINTBRIDGE_STORE"])

        with self.assertRaises(Unauthenticated) as raised:
            bridge.print_raw(RECEIPT)

        self.assertEqual((raised.exception.status, raised.exception.code), (401, "UNAUTHENTICATED"))

    def test_a_token_of_another_store_raises_forbidden(self) -> None:
        bridge = BridgeClient(os.environ["PRINTBRIDGE_URL"], live_env("PRINTBRIDGE_TEST_LIMITED_TOKEN"))

        with self.assertRaises(Forbidden) as raised:
            bridge.print_raw(RECEIPT, store_id=os.environ["PRINTBRIDGE_STORE"])

        self.assertEqual((raised.exception.status, raised.exception.code), (403, "FORBIDDEN"))

    def test_an_invoice_that_does_not_add_up_raises_validation_error_naming_the_field(self) -> None:
        invoice = json.loads((EXAMPLES / "invalid" / "total-mismatch.json").read_text(encoding="utf-8"))

        with self.assertRaises(ValidationError) as raised:
            live_client().print_invoice(invoice)

        error = raised.exception
        self.assertEqual((error.status, error.code), (400, "INVALID_INVOICE"))
        self.assertTrue(any(d["path"].startswith("invoice.totals") for d in error.details), error.details)

    def test_the_same_idempotency_key_with_another_body_raises_conflict(self) -> None:
        bridge = live_client()
        key = "conflict-" + str(time.time_ns())
        bridge.print_raw(RECEIPT, idempotency_key=key)

        with self.assertRaises(Conflict) as raised:
            bridge.print_raw(b"another\n", idempotency_key=key)

        self.assertEqual((raised.exception.status, raised.exception.code), (409, "IDEMPOTENCY_CONFLICT"))


class RetriesTest(unittest.TestCase):
    def test_a_print_whose_answer_was_lost_is_retried_with_the_same_key_and_answered_with_the_same_job(self) -> None:
        url = urllib.parse.urlparse(os.environ["PRINTBRIDGE_URL"])
        proxy = LosingProxy((url.hostname, url.port), lose=1)
        self.addCleanup(proxy.close)
        sleeps = Sleeps()
        bridge = BridgeClient(
            proxy.url, os.environ["PRINTBRIDGE_TOKEN"], store_id=os.environ["PRINTBRIDGE_STORE"], sleep=sleeps
        )
        marker = live_env("PRINTBRIDGE_TEST_ONCE_MARKER").encode("ascii")

        job = bridge.print_raw(b"\x1b@" + marker + b"\n")

        (first_status, first_body, first_passed), (second_status, _, second_passed) = proxy.answers
        self.assertEqual((first_status, first_passed), (201, False), "the first answer (a new job) was lost")
        self.assertEqual((second_status, second_passed), (200, True), "the retry was answered as a replay")
        self.assertEqual(job["id"], json.loads(first_body)["id"])
        self.assertEqual(job["state"], "DONE")
        keys = [header(head, "Idempotency-Key") for head in proxy.request_heads]
        self.assertEqual(len(keys), 2)
        self.assertIsNotNone(keys[0])
        self.assertEqual(keys[0], keys[1])
        self.assertEqual(len(sleeps), 1)
        # PythonClientTest checks that the marker reached paper once.

    def test_a_full_queue_raises_rate_limited_after_retrying_as_retry_after_says(self) -> None:
        sleeps = Sleeps()
        bridge = live_client(max_retries=2, sleep=sleeps)
        store = live_env("PRINTBRIDGE_TEST_FULL_STORE")
        limit = int(live_env("PRINTBRIDGE_TEST_MAX_QUEUED"))

        with self.assertRaises(RateLimited) as raised:
            for _ in range(limit + 1):  # the store is offline: its jobs wait on the server
                queued = bridge.print_raw(RECEIPT, store_id=store, wait=0)
                self.assertEqual(queued["state"], "QUEUED")

        error = raised.exception
        self.assertEqual((error.status, error.code), (429, "QUEUE_FULL"))
        self.assertIn(f"limit {limit}", error.message)
        self.assertEqual(error.retry_after, 5.0)
        self.assertEqual(sleeps, [5.0, 5.0], "two retries, each after Retry-After")

    def test_a_retry_after_longer_than_max_retry_wait_is_raised_at_once(self) -> None:
        sleeps = Sleeps()
        bridge = live_client(max_retry_wait=1, sleep=sleeps)
        store = live_env("PRINTBRIDGE_TEST_FULL_STORE")

        with self.assertRaises(RateLimited) as raised:
            for _ in range(int(live_env("PRINTBRIDGE_TEST_MAX_QUEUED")) + 1):
                bridge.print_raw(RECEIPT, store_id=store, wait=0)

        self.assertEqual(raised.exception.retry_after, 5.0)
        self.assertEqual(sleeps, [])


class OfflineStoreTest(unittest.TestCase):
    def test_a_print_for_an_offline_store_is_queued_and_returned_as_queued(self) -> None:
        job = live_client().print_raw(RECEIPT, store_id=live_env("PRINTBRIDGE_TEST_OFFLINE_STORE"), wait=1, ttl_seconds=60)

        self.assertEqual(job["state"], "QUEUED")

    def test_a_job_that_outlives_its_time_to_live_raises_job_failed_expired(self) -> None:
        bridge = live_client()
        job = bridge.print_raw(RECEIPT, store_id=live_env("PRINTBRIDGE_TEST_OFFLINE_STORE"), wait=0, ttl_seconds=1)

        with self.assertRaises(JobFailed) as raised:
            bridge.wait_for_job(job["id"], timeout=30)

        self.assertEqual((raised.exception.state, raised.exception.code), ("EXPIRED", "EXPIRED"))
        self.assertEqual(raised.exception.job_id, job["id"])


class EventsTest(unittest.TestCase):
    def test_the_events_stream_follows_a_job_through_queued_sent_and_done(self) -> None:
        bridge = live_client()
        with bridge.events() as stream:
            job = bridge.print_raw(RECEIPT)
            states = []
            for event in stream:
                if event.name == "job" and event.data["id"] == job["id"]:
                    states.append(event.data["state"])
                    if event.data["state"] in FINAL_STATES:
                        break

        self.assertEqual(states, ["QUEUED", "SENT", "DONE"])

    def test_the_events_stream_of_one_store_shows_only_that_store(self) -> None:
        bridge = live_client()
        paper_out = live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE")
        with bridge.events(store_id=paper_out) as stream:
            bridge.print_raw(RECEIPT)  # the client's own store: not in this stream
            failed = bridge.print_raw(RECEIPT, store_id=paper_out, raise_on_failure=False)
            seen = []
            for event in stream:
                seen.append(event.data["storeId"])
                if event.name == "job" and event.data["id"] == failed["id"] and event.data["state"] == "FAILED":
                    self.assertEqual(event.data["error"]["code"], "PAPER_OUT")
                    break

        self.assertEqual(set(seen), {paper_out})


    def test_the_events_of_a_store_the_token_may_not_use_raise_forbidden(self) -> None:
        bridge = BridgeClient(os.environ["PRINTBRIDGE_URL"], live_env("PRINTBRIDGE_TEST_LIMITED_TOKEN"))

        with self.assertRaises(Forbidden) as raised:
            bridge.events(store_id=os.environ["PRINTBRIDGE_STORE"])

        self.assertEqual((raised.exception.status, raised.exception.code), (403, "FORBIDDEN"))


class WebhookTest(unittest.TestCase):
    def test_a_real_webhook_verifies_and_a_tampered_or_replayed_one_does_not(self) -> None:
        receiver = WebhookReceiver(int(live_env("PRINTBRIDGE_TEST_WEBHOOK_PORT")))
        self.addCleanup(receiver.close)
        secret = live_env("PRINTBRIDGE_TEST_WEBHOOK_SECRET")
        job = live_client().print_raw(RECEIPT, store_id=live_env("PRINTBRIDGE_TEST_WEBHOOK_STORE"))

        headers, body = receiver.await_delivery(lambda hook: hook.get("id") == job["id"], timeout=60)

        self.assertEqual(headers["X-Printbridge-Event"], "job.final")
        verified = verify_webhook(headers, body, secret)
        self.assertEqual((verified["id"], verified["state"]), (job["id"], "DONE"))
        with self.assertRaises(WebhookVerificationError) as tampered:
            verify_webhook(headers, body.replace(b'"DONE"', b'"FAILED"'), secret)
        self.assertEqual(tampered.exception.code, "BAD_SIGNATURE")
        with self.assertRaises(WebhookVerificationError) as other_secret:
            verify_webhook(headers, body, secret + "x")
        self.assertEqual(other_secret.exception.code, "BAD_SIGNATURE")
        sent_at = int(headers["X-Printbridge-Timestamp"])
        with self.assertRaises(WebhookVerificationError) as replayed:
            verify_webhook(headers, body, secret, now=sent_at + 301)
        self.assertEqual(replayed.exception.code, "STALE_TIMESTAMP")


if __name__ == "__main__":
    unittest.main()
