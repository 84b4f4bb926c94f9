"""Join codes from the page's query string, join links and QR codes."""

from __future__ import annotations

from mskit.live.join import code_from_query, join_url, qr_svg


def test_code_is_read_from_the_query_string():
    """`?code=ABC` gives ABC; no code, or a blank one, gives None."""
    assert code_from_query("code=ABCD-EFGH") == "ABCD-EFGH"
    assert code_from_query("x=1&code=%20XY%20") == "XY"
    assert code_from_query("") is None and code_from_query(None) is None
    assert code_from_query("code=") is None


def test_join_url_carries_the_code():
    """The join link is the participant page with the code as a query parameter."""
    assert join_url("http://192.0.2.5:8867/", "AB CD") == "http://192.0.2.5:8867/?code=AB+CD"


def test_qr_code_is_inline_svg_with_a_title():
    """The QR code is an inline SVG that names what it is, for screen readers."""
    svg = qr_svg("http://192.0.2.5:8867/?code=X")
    assert svg.startswith("<svg") and "<title>QR code for the join link</title>" in svg
