"""Before a session: the pre-delivery check (``mskit check-delivery``).

- :func:`check_delivery` returns structured findings (kind, severity ``must`` /
  ``should`` / ``info``, text, where, sources, used in).
- :func:`delivery_check` is the notebook call: the same check shown as HTML
  (``wb.delivery_check()`` in a trainer notebook).
- :func:`format_text` is the plain-text listing the command prints.
"""

from __future__ import annotations

from .check import CONTACTS_MAX_AGE_DAYS, check_delivery, expected_latest_year
from .findings import DeliveryCheck, Finding
from .report import DeliveryReport, delivery_check, delivery_html, format_text

__all__ = [
    "CONTACTS_MAX_AGE_DAYS",
    "DeliveryCheck",
    "DeliveryReport",
    "Finding",
    "check_delivery",
    "delivery_check",
    "delivery_html",
    "expected_latest_year",
    "format_text",
]
