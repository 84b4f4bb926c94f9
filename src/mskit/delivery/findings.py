"""What the pre-delivery check finds: one :class:`Finding` per thing to do or check."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

Severity = Literal["must", "should", "info"]
SEVERITIES: tuple[Severity, ...] = ("must", "should", "info")
SEVERITY_LABELS = {
    "must": "Must do before delivery",
    "should": "Check before delivery",
    "info": "For information",
}

Kind = Literal["content", "contacts", "statistics", "marker", "unverified-figure"]
KIND_LABELS = {
    "content": "content",
    "contacts": "local contacts",
    "statistics": "statistics",
    "marker": "marked to check",
    "unverified-figure": "unverified figure",
}


@dataclass(frozen=True)
class Finding:
    """One item: what it is, how pressing, where it is written, its sources and uses.

    ``where`` is ``file:line field`` (or ``notebook: cell N``); ``sources`` are source
    labels (``S17: DHSC, ...``); ``used_in`` says where the item reaches a session.
    """

    kind: Kind
    severity: Severity
    text: str
    where: str = ""
    sources: tuple[str, ...] = ()
    used_in: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Plain data (lists for tuples), for JSON."""
        out = asdict(self)
        out["sources"] = list(self.sources)
        out["used_in"] = list(self.used_in)
        return out


@dataclass(frozen=True)
class DeliveryCheck:
    """Every finding, most pressing first, with the date the check was made for."""

    today: date
    findings: tuple[Finding, ...]

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == severity)

    @property
    def must(self) -> tuple[Finding, ...]:
        return self.of("must")

    @property
    def should(self) -> tuple[Finding, ...]:
        return self.of("should")

    @property
    def ready(self) -> bool:
        """True when nothing must be done before delivery."""
        return not self.must

    def summary(self) -> str:
        """One line: counts and whether the kit is ready."""
        counts = f"{len(self.must)} must, {len(self.should)} to check"
        if self.ready:
            return f"{counts}. Nothing must be done first; check the items listed."
        return f"{counts}. Not ready: do the 'must' items before the session."

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "ready": self.ready,
            "findings": [f.as_dict() for f in self.findings],
        }
