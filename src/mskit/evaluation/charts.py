"""Evaluation charts: matplotlib figures with a title, labelled axes and the data note
written under each, shown in HTML as an inline PNG (nothing fetched from the network)."""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ..figures import figure_img, figure_png

__all__ = [
    "EvalChart",
    "confidence_chart",
    "gain_over_time_chart",
    "item_gain_chart",
    "ratings_chart",
]

BEFORE, AFTER = "#90a4ae", "#1565c0"
RATING_COLOURS = ("#c62828", "#ef6c00", "#bdbdbd", "#64b5f6", "#1565c0")
TITLE_SIZE, LABEL_SIZE, TICK_SIZE, NOTE_SIZE = 14, 11, 9, 8


@dataclass
class EvalChart:
    """A finished chart and what to say under it."""

    figure: Figure
    title: str
    note: str
    alt: str

    def png(self, dpi: int = 100) -> bytes:
        return figure_png(self.figure, dpi)

    def to_html(self) -> str:
        return (
            '<figure class="mskit-chart" style="margin:0 0 1em 0">'
            f"{figure_img(self.figure, self.alt, dpi=100)}"
            # the note is drawn under the chart in the image; repeated for screen readers
            f'<figcaption class="mskit-sr-only">{html.escape(self.note)}</figcaption>'
            "</figure>"
        )

    _repr_html_ = to_html


def _short(text: str, width: int = 46) -> str:
    return textwrap.shorten(" ".join(str(text).split()), width=width, placeholder="…")


def _finish(fig: Figure, title: str, note: str, bottom: float) -> None:
    fig.suptitle(title, fontsize=TITLE_SIZE, x=0.01, ha="left")
    wrapped = textwrap.wrap(note, width=130)
    fig.text(0.01, 0.01, "\n".join(wrapped), fontsize=NOTE_SIZE, va="bottom", ha="left")
    fig.subplots_adjust(bottom=bottom)


def item_gain_chart(items: pd.DataFrame, note: str, title: str | None = None) -> EvalChart:
    """Per question, the share of matched people right before and after (from
    :func:`~mskit.evaluation.knowledge.item_gain`)."""
    title = title or "Knowledge check: people right on each question, before and after"
    n = len(items)
    fig = Figure(figsize=(9, 1.2 + 0.45 * max(n, 1) + 0.8))
    ax = fig.add_subplot(1, 1, 1)
    y = list(range(n))[::-1]
    ax.barh([v + 0.2 for v in y], items["pre_percent"].fillna(0), 0.4, label="Before", color=BEFORE)
    ax.barh([v - 0.2 for v in y], items["post_percent"].fillna(0), 0.4, label="After", color=AFTER)
    ax.set_yticks(y, [_short(p) for p in items["prompt"]], fontsize=TICK_SIZE)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Matched people with full marks (%)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Question", fontsize=LABEL_SIZE)
    ax.legend(loc="lower right", fontsize=TICK_SIZE)
    fig.subplots_adjust(left=0.42, right=0.97, top=1 - 0.7 / fig.get_figheight())
    _finish(fig, title, note, bottom=0.9 / fig.get_figheight() + 0.05)
    alt = "; ".join(
        f"{_short(r.prompt, 40)}: {_pct(r.pre_percent)} before, {_pct(r.post_percent)} after"
        for r in items.itertuples()
    )
    return EvalChart(fig, title, note, f"{title}. {alt}")


def _pct(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0f}%"


def confidence_chart(conf: pd.DataFrame, note: str, title: str | None = None) -> EvalChart:
    """Mean confidence rating before and after, per rating question (from
    :func:`~mskit.evaluation.knowledge.confidence_change`)."""
    title = title or "Confidence before and after (people who rated both times)"
    n = len(conf)
    fig = Figure(figsize=(9, 1.4 + 0.6 * max(n, 1) + 0.8))
    ax = fig.add_subplot(1, 1, 1)
    y = list(range(n))[::-1]
    ax.barh([v + 0.2 for v in y], conf["pre_mean"].fillna(0), 0.4, label="Before", color=BEFORE)
    ax.barh([v - 0.2 for v in y], conf["post_mean"].fillna(0), 0.4, label="After", color=AFTER)
    ax.set_yticks(y, [_short(p, 50) for p in conf["prompt"]], fontsize=TICK_SIZE)
    ax.set_xlim(1, 5)
    ax.set_xlabel("Mean rating (1 = strongly disagree, 5 = strongly agree)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Statement", fontsize=LABEL_SIZE)
    ax.legend(loc="lower right", fontsize=TICK_SIZE)
    fig.subplots_adjust(left=0.45, right=0.97, top=1 - 0.7 / fig.get_figheight())
    _finish(fig, title, note, bottom=1.0 / fig.get_figheight() + 0.05)
    alt = "; ".join(
        f"{_short(r.prompt, 50)}: {r.pre_mean:.1f} before, {r.post_mean:.1f} after"
        for r in conf.itertuples()
        if not (math.isnan(r.pre_mean) or math.isnan(r.post_mean))
    )
    return EvalChart(fig, title, note, f"{title}. {alt}")


def ratings_chart(ratings: pd.DataFrame, note: str, title: str | None = None) -> EvalChart:
    """How the answers to each rating question spread over the scale, as shares of the
    answers (from :func:`~mskit.evaluation.knowledge.feedback_ratings`)."""
    title = title or "Session feedback: how people rated the session"
    points = [c for c in ratings.columns if c.isdigit()]
    n = len(ratings)
    fig = Figure(figsize=(9, 1.4 + 0.5 * max(n, 1) + 0.8))
    ax = fig.add_subplot(1, 1, 1)
    y = list(range(n))[::-1]
    left = [0.0] * n
    totals = [max(int(a), 1) for a in ratings["answers"]]
    for i, p in enumerate(points):
        share = [100.0 * c / t for c, t in zip(ratings[p], totals, strict=True)]
        ax.barh(y, share, 0.6, left=left, label=p, color=RATING_COLOURS[i % len(RATING_COLOURS)])
        left = [a + b for a, b in zip(left, share, strict=True)]
    ax.set_yticks(y, [_short(p, 50) for p in ratings["prompt"]], fontsize=TICK_SIZE)
    ax.set_xlim(0, 100)
    ax.set_xlabel(
        "Share of answers (%), by rating from 1 (lowest) to 5 (highest)", fontsize=LABEL_SIZE
    )
    ax.set_ylabel("Question", fontsize=LABEL_SIZE)
    ax.legend(title="Rating", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=TICK_SIZE)
    fig.subplots_adjust(left=0.4, right=0.88, top=1 - 0.7 / fig.get_figheight())
    _finish(fig, title, note, bottom=1.0 / fig.get_figheight() + 0.05)
    alt = "; ".join(
        f"{_short(r['prompt'], 50)}: mean {r['mean']:.1f} from {r['answers']} answers"
        for _, r in ratings.iterrows()
        if r["answers"]
    )
    return EvalChart(fig, title, note, f"{title}. {alt}")


def gain_over_time_chart(
    by_session: pd.DataFrame, note: str, title: str | None = None
) -> EvalChart:
    """Mean knowledge score before and after at each session, in date order. ``by_session``
    needs ``date`` (text), ``mean_pre`` and ``mean_post``; rows whose means are hidden
    (NaN, for example suppressed) are drawn as gaps."""
    title = title or "Knowledge check over time: mean score before and after each session"
    fig = Figure(figsize=(9, 4.6))
    ax = fig.add_subplot(1, 1, 1)
    x = list(range(len(by_session)))
    ax.plot(x, by_session["mean_pre"], "o-", color=BEFORE, label="Before")
    ax.plot(x, by_session["mean_post"], "o-", color=AFTER, label="After")
    ax.set_xticks(
        x, [str(d) for d in by_session["date"]], fontsize=TICK_SIZE, rotation=30, ha="right"
    )
    ax.set_ylim(0, 100)
    ax.set_xlabel("Session date", fontsize=LABEL_SIZE)
    ax.set_ylabel("Mean knowledge score (%)", fontsize=LABEL_SIZE)
    ax.legend(loc="lower right", fontsize=TICK_SIZE)
    fig.subplots_adjust(left=0.09, right=0.97, top=0.88)
    _finish(fig, title, note, bottom=0.3)
    alt = "; ".join(
        f"{r.date}: {_pct(r.mean_pre)} before, {_pct(r.mean_post)} after"
        for r in by_session.itertuples()
    )
    return EvalChart(fig, title, note, f"{title}. {alt}")
