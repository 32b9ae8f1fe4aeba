"""``python3 -m printbridge_client [--env-file .env] stores|status|test-receipt``: for whoever
installs the client in the ERP, to check the settings and print a test receipt.

Reads PRINTBRIDGE_URL, PRINTBRIDGE_TOKEN and PRINTBRIDGE_STORE from the environment, or from
the ERP's .env with ``--env-file``. Exits 0 when done, 1 when the bridge or the printer
refused or failed, 2 for a setting to change.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from typing import Dict, List, Optional

from .client import BridgeClient
from .errors import BridgeError, ConfigurationError


def test_invoice(now: Optional[_dt.datetime] = None) -> Dict[str, object]:
    """A one-line invoice of 100.00 DZD: the server lays it out and writes the amount in words."""
    issued = now or _dt.datetime.now(_dt.timezone.utc).astimezone()
    return {
        "number": "TEST-" + issued.strftime("%Y%m%d-%H%M%S"),
        "issuedAt": issued.isoformat(timespec="seconds"),
        "language": "fr",
        "currency": "DZD",
        "seller": {"name": "Test printbridge", "address": ["Ticket de test / test receipt"]},
        "lines": [
            {"description": "Test", "quantity": "1", "unitPrice": "100.00", "taxRate": "0", "amount": "100.00"}
        ],
        "totals": {
            "net": "100.00",
            "taxes": [{"rate": "0", "base": "100.00", "amount": "0.00"}],
            "stamp": "0.00",
            "total": "100.00",
        },
        "footer": ["printbridge_client: OK"],
    }


def read_env_file(path: str) -> Dict[str, str]:
    """KEY=VALUE lines of a .env file (comments, blank lines, ``export`` and quotes allowed)."""
    values: Dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("export "):
                line = line[len("export ") :].lstrip()
            key, sep, value = line.partition("=")
            if not sep or not key.strip():
                raise ConfigurationError(f"{path}:{number}: {line[:40]!r} (expected: KEY=VALUE)")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[key.strip()] = value
    return values


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m printbridge_client", description="Check the bridge settings of the ERP and print a test receipt.")
    parser.add_argument("--env-file", help="the ERP's .env to read PRINTBRIDGE_* from (the environment wins)")
    parser.add_argument("--store", help="the store id (default: PRINTBRIDGE_STORE)")
    parser.add_argument("--printer", help="a printer of the store by name (default: the store's default printer)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("stores", help="the stores this token may use, online or not, with their printers")
    commands.add_parser("status", help="ask the store's printer for its status now")
    commands.add_parser("test-receipt", help="print a test invoice of 100.00 DZD on the store's printer")
    args = parser.parse_args(argv)

    try:
        env: Dict[str, str] = read_env_file(args.env_file) if args.env_file else {}
        env.update({k: v for k, v in os.environ.items() if k.startswith("PRINTBRIDGE_")})
        bridge = BridgeClient.from_env(env)
        if args.command == "stores":
            for store in bridge.list_stores():
                printers = ", ".join(
                    f"{p['name']} {p.get('status', {}).get('state', '?')}" for p in store.get("printers", [])
                )
                online = "online" if store.get("online") else "offline, last seen " + str(store.get("lastSeen"))
                print(f"{store['storeId']}: {online}; printers: {printers or 'none'}")
        elif args.command == "status":
            status = bridge.printer_status(store_id=args.store, printer=args.printer)
            print(json.dumps(status, ensure_ascii=False))
            if status.get("state") != "READY":
                print(f"printer not ready: {status.get('detail') or status.get('state')}", file=sys.stderr)
                return 1
        else:
            job = bridge.print_invoice(test_invoice(), store_id=args.store, printer=args.printer)
            print(f"{job['state']}: test receipt, job {job['id']} on store {job['storeId']}")
            if job["state"] != "DONE":
                print("not printed yet: the store's agent is offline; it prints when the shop is back", file=sys.stderr)
                return 1
    except ConfigurationError as e:
        print(f"printbridge_client: {e}", file=sys.stderr)
        return 2
    except BridgeError as e:
        print(f"printbridge_client: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
