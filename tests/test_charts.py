"""Charts of the UK picture: built from the statistics file, titled, labelled and sourced."""

from __future__ import annotations

import pytest

from mskit import charts
from mskit.content import load_kit
from mskit.content.kit import Kit
from mskit.content.models import Statistic

KIT = load_kit()


def bar_heights(chart: charts.Chart) -> list[float]:
    return sorted(
        round(p.get_height(), 6)
        for ax in chart.figure.axes
        for p in ax.patches
        if p.get_height() > 0
    )


@pytest.fixture(scope="module", params=sorted(charts.CHARTS))
def chart(request) -> charts.Chart:
    return charts.CHARTS[request.param](KIT)


def test_chart_has_title_axis_labels_and_source_text(chart):
    """Every chart has a title, labelled axes on every panel and its sources written under it."""
    fig = chart.figure
    assert fig._suptitle is not None and fig._suptitle.get_text() == chart.title
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    source = [t.get_text() for t in fig.texts if t.get_text().startswith("Source:")]
    assert len(source) == 1
    text = source[0]
    assert chart.sources
    for sid in chart.sources:
        assert sid in text and sid in KIT.sources


def test_chart_says_which_series_and_shows_as_an_offline_figure(chart):
    """The HTML form is an inline PNG with alt text and a caption naming series and sources."""
    page = chart._repr_html_()
    assert '<img src="data:image/png;base64,' in page and 'alt="' in page
    assert "Series:" in page and "Sources:" in page
    assert "http" not in page.split("<figcaption")[0]


def test_chart_bars_are_the_statistics_rows(chart):
    """Each chart draws exactly the verified rows it names from the statistics file."""
    drawn = bar_heights(chart)
    expected = sorted(round(v, 6) for series in chart.data.values() for v in series.values())
    assert drawn == expected
    values = {(r.year, r.value) for r in KIT.statistics}
    for series in chart.data.values():
        for year, value in series.items():
            assert (year, value) in values


def test_referrals_chart_puts_course_figures_beside_later_years():
    """2014-2016 come from the course outline series; every other year is first published."""
    c = charts.nrm_referrals_by_year(KIT)
    assert set(c.data["course_outline"]) == {2014, 2015, 2016}
    assert c.data["course_outline"][2014] == 2340
    assert min(c.data["first_published"]) == 2013 and 2025 in c.data["first_published"]
    assert not set(c.data["course_outline"]) & set(c.data["first_published"])
    assert "course" in c.series and "first published" in c.series


def test_course_figures_chart_compares_three_series():
    """The comparison chart shows course, first-published and revised figures for 2014-2016."""
    c = charts.course_figures_compared(KIT)
    assert c.data["revised"][2014] == 2337 and c.data["first_published"][2014] == 2340


def test_unverified_and_partial_year_rows_are_not_drawn_as_years():
    """Unverified rows are never drawn, and a quarter's share is labelled as that quarter."""
    c = charts.exploitation_types(KIT)
    assert any("October to December" in n for n in c.notes)
    labels = [t.get_text() for ax in c.figure.axes for t in ax.get_xticklabels()]
    assert "2023 Q4" in labels


def test_charts_follow_the_data_file():
    """A chart built from other statistics draws those numbers (nothing is hard-coded)."""
    kit = Kit(root=KIT.root, sources=KIT.sources, exploitation_types=KIT.exploitation_types)
    kit.statistics = [
        Statistic(
            measure="duty_to_notify_reports",
            year=2030,
            value=123,
            series="first_published",
            source="S23",
        ),
        Statistic(
            measure="duty_to_notify_reports",
            year=2031,
            value=456,
            series="first_published",
            source="S23",
            verified=False,
        ),
    ]
    c = charts.duty_to_notify(kit)
    assert c.data == {"duty_to_notify_reports": {2030: 123}}
    assert bar_heights(c) == [123]
    assert c.sources == ("S23",)
