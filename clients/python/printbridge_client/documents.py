"""Turns the ERP's invoice into the JSON the bridge accepts (examples/invoices/README.md).

Money, quantities and rates travel as decimal strings in plain notation ("1234.50"); the
server refuses JSON numbers, since a parser may already have made them binary floats. So:

* ``decimal.Decimal`` becomes its plain string (``Decimal("1E+2")`` -> ``"100"``), exactly;
* ``int`` becomes its digits (the contract has no integer field, only decimal ones);
* ``float`` is refused with the field's path: it may already be wrong (``0.1 + 0.2``);
* ``datetime`` becomes ISO-8601 with its offset (a naive one is refused: the printed
  time would be a guess).

Nothing is rounded here: a value with too many decimal places is refused by the server with
its path, so a legal document is never changed on the way.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from .errors import ValidationError


def encode_document(value: Any, path: str = "invoice") -> Any:
    """A copy of ``value`` (dicts, lists, str, Decimal, int, bool, None, datetime) ready for
    ``json.dumps``; raises :class:`ValidationError` naming the path of a float or bad value."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(f"{path}: key {key!r} (expected: a string)", code="INVALID_INVOICE")
            out[key] = encode_document(item, f"{path}.{key}")
        return out
    if isinstance(value, (list, tuple)):
        return [encode_document(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, Decimal):
        return decimal_string(value, path)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValidationError(
            f"{path}: {value!r} is a float (expected: a str such as \"1234.50\" or a decimal.Decimal;"
            " money is never a float)",
            code="INVALID_INVOICE",
        )
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValidationError(
                f"{path}: {value.isoformat()} has no time zone (expected: an aware datetime,"
                " e.g. datetime.now(ZoneInfo(\"Africa/Algiers\")))",
                code="INVALID_INVOICE",
            )
        return value.isoformat()
    raise ValidationError(
        f"{path}: {type(value).__name__} {value!r} (expected: str, decimal.Decimal, int, bool, None, dict or list)",
        code="INVALID_INVOICE",
    )


def decimal_string(value: Decimal, path: str = "amount") -> str:
    """``value`` in plain decimal notation, exactly: ``Decimal("1.50")`` -> ``"1.50"``."""
    if not value.is_finite():
        raise ValidationError(f"{path}: {value} (expected: a finite decimal number)", code="INVALID_INVOICE")
    return format(abs(value) if value.is_zero() else value, "f")  # never "-0.00"
