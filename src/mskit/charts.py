"""Charts of the UK picture, built from ``catalogue/statistics.yaml``.

Each function takes the kit (default: the kit's own content) and returns a :class:`Chart`:
a matplotlib figure with a title, labelled axes and the sources written under it, plus the
series it uses, alt text and a caption. In a notebook a Chart shows itself as an HTML
``<figure>`` (an inline PNG, so nothing is fetched from the network).

Only verified rows are drawn. Each chart says which series it uses: the course's own
figures (``course_outline``), the figure first published for a year (``first_published``)
or a later revision (``revised``).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from .figures import figure_img, figure_png

if TYPE_CHECKING:  # pragma: no cover
    from .content.kit import Kit
    from .content.models import Statistic

SERIES_LABELS = {
    "course_outline": "the course's own figures (course outline, 2017)",
    "first_published": "the figure first published for each year",
    "revised": "later revised figures",
    "estimate": "prevalence estimates",
}
COLOURS = {
    "course": "#c2185b",
    "first": "#1565c0",
    "revised": "#90a4ae",
    "children": "#ef6c00",
    "adults": "#2e7d32",
    "other": "#6a1b9a",
}
TITLE_SIZE, LABEL_SIZE, TICK_SIZE, CAPTION_SIZE = 17, 14, 12, 10


@dataclass
class Chart:
    """A finished chart: the figure and what to say under it."""

    figure: Figure
    title: str
    series: str
    sources: tuple[str, ...]
    alt: str
    notes: tuple[str, ...] = ()
    source_text: str = ""
    data: dict[str, dict[int, float]] = field(default_factory=dict)

    def png(self, dpi: int = 100) -> bytes:
        return figure_png(self.figure, dpi)

    def caption_html(self) -> str:
        parts = [f"<p><strong>Series:</strong> {html.escape(self.series)}</p>"]
        parts += [f"<p>{html.escape(n)}</p>" for n in self.notes]
        parts.append(f"<p><strong>Sources:</strong> {html.escape(self.source_text)}</p>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return (
            '<figure class="mskit-chart" style="margin:0">'
            f"{figure_img(self.figure, self.alt, dpi=100)}"
            f'<figcaption style="font-size:0.85em">{self.caption_html()}</figcaption>'
            "</figure>"
        )


# --- data ------------------------------------------------------------------------------


def _kit(kit: Kit | None) -> Kit:
    if kit is None:
        from .content import load_kit

        kit = load_kit()
    return kit


def rows(
    statistics: Iterable[Statistic],
    measure: str,
    *,
    series: str | None = None,
    unit: str = "people",
    category: str | None = None,
    whole_year: bool = True,
) -> list[Statistic]:
    """Verified rows of one measure, sorted by year (whole years only unless told)."""
    out = [
        r
        for r in statistics
        if r.measure == measure
        and r.verified
        and r.unit == unit
        and (series is None or r.series == series)
        and (category is None or r.category == category)
        and (not whole_year or r.period is None)
    ]
    return sorted(out, key=lambda r: r.year)


def _source_text(kit: Kit, ids: Sequence[str]) -> str:
    parts = []
    for sid in ids:
        s = kit.sources.get(sid)
        if s is None:
            parts.append(sid)
            continue
        year = f", {s.year}" if s.year else ""
        parts.append(f"{sid} {s.publisher}, {s.title}{year}")
    return "; ".join(parts)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _fmt(v: float) -> str:
    return f"{v:,.0f}"


# --- drawing ---------------------------------------------------------------------------


def _figure(n_axes: int = 1) -> tuple[Figure, list]:
    fig = Figure(figsize=(11, 6.2))
    axes = fig.subplots(1, n_axes, squeeze=False)[0]
    return fig, list(axes)


def _style(ax, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=LABEL_SIZE + 1)
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")


def _finish(fig: Figure, title: str, source_text: str) -> None:
    fig.suptitle(title, fontsize=TITLE_SIZE, fontweight="bold")
    wrapped = textwrap.wrap("Source: " + source_text, width=135)
    fig.text(0.01, 0.01, "\n".join(wrapped), fontsize=CAPTION_SIZE, va="bottom", ha="left")
    bottom = 0.14 + 0.028 * len(wrapped)
    fig.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=bottom, wspace=0.3)


def _bars(ax, xs, heights, colour, label, offset=0.0, width=0.8) -> None:
    positions = [x + offset for x in xs]
    bars = ax.bar(positions, heights, width=width, color=colour, label=label)
    ax.bar_label(bars, labels=[_fmt(h) for h in heights], fontsize=TICK_SIZE - 2, padding=2)


def _chart(
    kit: Kit,
    title: str,
    series: str,
    used: Sequence[Statistic],
    draw: Callable[[Figure, list], None],
    n_axes: int,
    alt: str,
    notes: Sequence[str],
    data: dict,
) -> Chart:
    sources = _unique(r.source for r in used)
    source_text = _source_text(kit, sources)
    fig, axes = _figure(n_axes)
    draw(fig, axes)
    for ax in axes:  # headroom for the legend and the value labels
        _low, high = ax.get_ylim()
        if high != 100:
            ax.set_ylim(0, high * 1.22)
    _finish(fig, title, source_text)
    return Chart(
        figure=fig,
        title=title,
        series=series,
        sources=sources,
        alt=alt,
        notes=tuple(notes),
        source_text=source_text,
        data=data,
    )


# --- the charts ------------------------------------------------------------------------


def nrm_referrals_by_year(kit: Kit | None = None) -> Chart:
    """NRM referrals per year: the course's 2014-2016 figures beside the later years."""
    kit = _kit(kit)
    course = rows(kit.statistics, "nrm_referrals", series="course_outline")
    course_years = {r.year for r in course}
    later = [
        r
        for r in rows(kit.statistics, "nrm_referrals", series="first_published")
        if r.year not in course_years
    ]
    title = "Potential victims referred to the NRM, UK, by year"
    series = (
        f"{min(course_years)}-{max(course_years)}: {SERIES_LABELS['course_outline']}; other "
        f"years: {SERIES_LABELS['first_published']}."
        if course_years
        else f"{SERIES_LABELS['first_published']}."
    )

    def draw(fig, axes):
        ax = axes[0]
        _bars(
            ax,
            [r.year for r in course],
            [r.value for r in course],
            COLOURS["course"],
            "Course outline figures (2017 course)",
        )
        _bars(
            ax,
            [r.year for r in later],
            [r.value for r in later],
            COLOURS["first"],
            "First published figure for the year",
        )
        _style(ax, "Referrals per calendar year", "Year", "Referrals (people)")
        ax.set_xticks([r.year for r in sorted(course + later, key=lambda r: r.year)])
        ax.legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")

    all_rows = sorted(course + later, key=lambda r: r.year)
    alt = "Bar chart of NRM referrals by year: " + ", ".join(
        f"{r.year} {_fmt(r.value)}" for r in all_rows
    )
    notes = []
    first = {
        r.year: r.value for r in rows(kit.statistics, "nrm_referrals", series="first_published")
    }
    revised = [
        r
        for r in rows(kit.statistics, "nrm_referrals", series="revised")
        if r.year in first and first[r.year] != r.value
    ]
    if revised:
        r = revised[0]
        notes.append(
            "Later releases revise some years slightly (for example "
            f"{r.year}: {_fmt(first[r.year])} first published, {_fmt(r.value)} revised, "
            f"{r.source}); this chart does not mix the two series."
        )
    data = {
        "course_outline": {r.year: r.value for r in course},
        "first_published": {r.year: r.value for r in later},
    }
    return _chart(kit, title, series, all_rows, draw, 1, alt, notes, data)


def course_figures_compared(kit: Kit | None = None) -> Chart:
    """The course's 2014-2016 figures beside the first-published and revised figures."""
    kit = _kit(kit)
    by_series = {
        s: rows(kit.statistics, "nrm_referrals", series=s)
        for s in ("course_outline", "first_published", "revised")
    }
    years = sorted({r.year for r in by_series["course_outline"]})
    picked = {s: [r for r in rs if r.year in years] for s, rs in by_series.items()}
    title = "The course's figures and the official series, 2014-2016"
    series = (
        "Three series side by side: "
        + "; ".join(SERIES_LABELS[s] for s in picked if picked[s])
        + "."
    )

    def draw(fig, axes):
        ax = axes[0]
        width = 0.26
        for i, (s, colour, label) in enumerate(
            (
                ("course_outline", COLOURS["course"], "Course outline (2017)"),
                ("first_published", COLOURS["first"], "First published"),
                ("revised", COLOURS["revised"], "Revised (later Home Office series)"),
            )
        ):
            rs = picked[s]
            _bars(
                ax,
                [r.year for r in rs],
                [r.value for r in rs],
                colour,
                label,
                offset=(i - 1) * width,
                width=width,
            )
        _style(ax, "Referrals per calendar year", "Year", "Referrals (people)")
        ax.set_xticks(years)
        ax.legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")

    used = [r for rs in picked.values() for r in rs]
    alt = "Grouped bar chart comparing series: " + "; ".join(
        f"{r.year} {r.series.replace('_', ' ')} {_fmt(r.value)}" for r in used
    )
    data = {s: {r.year: r.value for r in rs} for s, rs in picked.items()}
    return _chart(kit, title, series, used, draw, 1, alt, [], data)


def adults_and_children(kit: Kit | None = None) -> Chart:
    """NRM referrals of children and of adults, in the years the kit has counts for."""
    kit = _kit(kit)
    children = rows(kit.statistics, "nrm_referrals_children", series="first_published")
    adults = rows(kit.statistics, "nrm_referrals_adults", series="first_published")
    years = sorted({r.year for r in children} | {r.year for r in adults})
    title = "Children and adults referred to the NRM, UK"
    series = SERIES_LABELS["first_published"] + " (counts only)."
    only_children = sorted({r.year for r in children} - {r.year for r in adults})
    percent_rows = rows(kit.statistics, "nrm_referrals_children", unit="percent")
    notes = []
    if only_children:
        notes.append(
            "No adult count in the statistics file for "
            + ", ".join(str(y) for y in only_children)
            + ": only the children's bar is drawn."
        )
    for r in percent_rows:
        notes.append(f"{r.year}: given only as a share ({r.note or f'{r.value:.0f}%'}), not drawn.")
    for r in children:
        if r.note and ("approx" in r.note or "at least" in r.note):
            notes.append(f"{r.year} children: {r.note}.")
    notes.append("The 2024 split between children and adults is not verified, so it is not drawn.")

    def draw(fig, axes):
        ax = axes[0]
        _bars(
            ax,
            [r.year for r in children],
            [r.value for r in children],
            COLOURS["children"],
            "Children (under 18)",
            offset=-0.2,
            width=0.4,
        )
        _bars(
            ax,
            [r.year for r in adults],
            [r.value for r in adults],
            COLOURS["adults"],
            "Adults",
            offset=0.2,
            width=0.4,
        )
        _style(ax, "Referrals per calendar year", "Year", "Referrals (people)")
        ax.set_xticks(years)
        ax.legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")

    alt = "Grouped bar chart: " + "; ".join(
        f"{y}: children {_fmt(c.value)}" + (f", adults {_fmt(a.value)}" if a else "")
        for y in years
        for c in [next((r for r in children if r.year == y), None)]
        if c
        for a in [next((r for r in adults if r.year == y), None)]
    )
    data = {
        "children": {r.year: r.value for r in children},
        "adults": {r.year: r.value for r in adults},
    }
    return _chart(kit, title, series, children + adults, draw, 1, alt, notes, data)


def exploitation_types(kit: Kit | None = None) -> Chart:
    """Exploitation types: labour and sexual claims (counts), and the largest shares (%)."""
    kit = _kit(kit)
    names = {t.id: t.name for t in kit.exploitation_types.values()}
    counts = {
        cat: rows(kit.statistics, "exploitation_type", series="first_published", category=cat)
        for cat in ("labour", "sexual")
    }
    shares = {
        cat: rows(
            kit.statistics,
            "exploitation_type",
            series="first_published",
            unit="percent",
            category=cat,
            whole_year=False,
        )
        for cat in ("adults:labour", "children:criminal")
    }
    title = "Types of exploitation in NRM referrals"
    series = SERIES_LABELS["first_published"] + "; counts on the left, shares on the right."
    notes = [
        "Counts: labour exploitation included criminal exploitation until it got its own "
        "category (about 2019).",
        "Shares: the 2023 figures are for October to December 2023 only, not the full year; "
        "full-year shares for 2023 and 2024 are not verified.",
    ]

    def share_label(r):
        return f"{r.year} {r.period}" if r.period else str(r.year)

    def draw(fig, axes):
        left, right = axes
        cyears = sorted({r.year for rs in counts.values() for r in rs})
        for i, (cat, colour) in enumerate(
            (("labour", COLOURS["first"]), ("sexual", COLOURS["other"]))
        ):
            rs = counts[cat]
            _bars(
                left,
                [cyears.index(r.year) for r in rs],
                [r.value for r in rs],
                colour,
                names.get(cat, cat),
                offset=(i - 0.5) * 0.4,
                width=0.4,
            )
        left.set_xticks(range(len(cyears)), [str(y) for y in cyears])
        _style(left, "Referrals by type (counts)", "Year", "Referrals (people)")
        left.legend(fontsize=TICK_SIZE - 1, frameon=False, loc="upper left")
        labels = sorted({share_label(r) for rs in shares.values() for r in rs})
        for i, (cat, colour, label) in enumerate(
            (
                ("adults:labour", COLOURS["adults"], "Adults: labour exploitation"),
                ("children:criminal", COLOURS["children"], "Children: criminal exploitation"),
            )
        ):
            rs = shares[cat]
            _bars(
                right,
                [labels.index(share_label(r)) for r in rs],
                [r.value for r in rs],
                colour,
                label,
                offset=(i - 0.5) * 0.4,
                width=0.4,
            )
        right.set_xticks(range(len(labels)), labels)
        _style(right, "Most common type (share %)", "Year", "Share of referrals in the group (%)")
        right.set_ylim(0, 100)
        right.legend(fontsize=TICK_SIZE - 1, frameon=False, loc="upper left")

    used = [r for rs in counts.values() for r in rs] + [r for rs in shares.values() for r in rs]
    alt = (
        "Two bar charts. Counts: "
        + "; ".join(
            f"{r.year} {names.get(r.category, r.category)} {_fmt(r.value)}"
            for rs in counts.values()
            for r in rs
        )
        + ". Shares: "
        + "; ".join(
            f"{share_label(r)} {r.category} {r.value:.0f}%" for rs in shares.values() for r in rs
        )
    )
    data = {c: {r.year: r.value for r in rs} for c, rs in {**counts, **shares}.items()}
    return _chart(kit, title, series, used, draw, 2, alt, notes, data)


def duty_to_notify(kit: Kit | None = None) -> Chart:
    """Duty to Notify reports (adults who did not consent to the NRM) by year."""
    kit = _kit(kit)
    rs = rows(kit.statistics, "duty_to_notify_reports", series="first_published")
    title = "Duty to Notify reports (MS1) by year"
    series = SERIES_LABELS["first_published"] + "."
    notes = [
        "Each report is about an adult who did not consent to an NRM referral. Years without "
        "a verified figure in the statistics file are left out, not drawn as zero.",
    ]

    def draw(fig, axes):
        ax = axes[0]
        _bars(
            ax,
            [r.year for r in rs],
            [r.value for r in rs],
            COLOURS["first"],
            "Duty to Notify reports",
        )
        _style(ax, "Reports per calendar year", "Year", "Reports")
        ax.set_xticks([r.year for r in rs])

    alt = "Bar chart of Duty to Notify reports: " + ", ".join(
        f"{r.year} {_fmt(r.value)}" for r in rs
    )
    data = {"duty_to_notify_reports": {r.year: r.value for r in rs}}
    return _chart(kit, title, series, rs, draw, 1, alt, notes, data)


CHARTS: dict[str, Callable[..., Chart]] = {
    "nrm-referrals": nrm_referrals_by_year,
    "course-figures": course_figures_compared,
    "adults-and-children": adults_and_children,
    "exploitation-types": exploitation_types,
    "duty-to-notify": duty_to_notify,
}
"""Registry: chart name -> function building it from the kit."""
