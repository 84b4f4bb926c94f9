"""Join codes: unique, long enough, drawn from ``secrets``."""

from __future__ import annotations

import collections
import math

from mskit.store import Store, values


def test_codes_unique_across_sessions(store: Store) -> None:
    """Every group in every session gets a different join code."""
    codes = []
    for s in range(3):
        session = store.create_session(f"S{s}")
        codes += [store.add_group(session.id, f"Table {i}").join_code for i in range(20)]
    assert len(set(codes)) == len(codes)


def test_code_shape() -> None:
    """Codes are at least 8 characters from an alphabet without look-alike characters."""
    code = values.new_join_code()
    assert len(code) >= 8
    assert set(code) <= set(values.JOIN_CODE_ALPHABET)
    assert not set("0O1IL") & set(values.JOIN_CODE_ALPHABET)
    bits = values.JOIN_CODE_LENGTH * math.log2(len(values.JOIN_CODE_ALPHABET))
    assert bits >= 45  # too many codes to try on a room's network


def test_codes_come_from_secrets(monkeypatch) -> None:
    """The code generator uses the secrets module (a CSPRNG), not random."""
    calls = []

    def fake_choice(seq):
        calls.append(seq)
        return seq[0]

    monkeypatch.setattr(values.secrets, "choice", fake_choice)
    assert values.new_join_code() == values.JOIN_CODE_ALPHABET[0] * values.JOIN_CODE_LENGTH
    assert len(calls) == values.JOIN_CODE_LENGTH


def test_codes_spread_evenly() -> None:
    """Characters are close to uniformly distributed and codes do not repeat."""
    codes = [values.new_join_code() for _ in range(3000)]
    assert len(set(codes)) == len(codes)
    counts = collections.Counter("".join(codes))
    expected = len(codes) * values.JOIN_CODE_LENGTH / len(values.JOIN_CODE_ALPHABET)
    chi2 = sum((counts[c] - expected) ** 2 / expected for c in values.JOIN_CODE_ALPHABET)
    assert chi2 < 80  # 30 degrees of freedom: p < 1e-6 to fail by chance
