"""An organisation's internal referral pathway, typed in by a trainee, drawn as a diagram.

Pure: :func:`parse_pathway` reads lines of ``step | who`` into :class:`PathwayStep` s and
:func:`pathway_figure` draws them as boxes joined by arrows (matplotlib, offline). What
was typed is untrusted: matplotlib's mathtext markers are escaped so ``$`` prints as typed,
text is wrapped and cut to a sensible length, and HTML shown next to it is escaped.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

MAX_STEPS = 12
MAX_CHARS = 120


@dataclass(frozen=True)
class PathwayStep:
    step: str
    who: str = ""


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text[:MAX_CHARS].rstrip() + ("…" if len(text) > MAX_CHARS else "")


def parse_pathway(text: str) -> list[PathwayStep]:
    """One step per non-empty line: ``what happens | who does it`` (the ``| who`` optional)."""
    steps = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        what, _, who = line.partition("|")
        what, who = _clean(what), _clean(who)
        if what:
            steps.append(PathwayStep(what, who))
    return steps[:MAX_STEPS]


def mpl_safe(text: str) -> str:
    """Text that matplotlib prints literally (no mathtext from ``$``)."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def pathway_figure(
    steps: list[PathwayStep], title: str = "Our internal referral pathway"
) -> Figure:
    """Boxes top to bottom, one per step, with who does it, joined by arrows."""
    n = max(len(steps), 1)
    fig = Figure(figsize=(9, 1.25 * n + 1.2))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n + 0.8)
    ax.axis("off")
    ax.text(
        0.5, n + 0.45, mpl_safe(title), ha="center", va="center", fontsize=16, fontweight="bold"
    )
    if not steps:
        ax.text(
            0.5,
            0.5,
            "Type the steps of your pathway, one per line.",
            ha="center",
            va="center",
            fontsize=13,
            style="italic",
        )
        return fig
    for i, s in enumerate(steps):
        y = n - i - 0.5
        label = "\n".join(textwrap.wrap(f"{i + 1}. {s.step}", 60))
        if s.who:
            label += "\n" + "\n".join(textwrap.wrap(f"Who: {s.who}", 60))
        ax.add_patch(
            FancyBboxPatch(
                (0.08, y - 0.36),
                0.84,
                0.72,
                boxstyle="round,pad=0.01,rounding_size=0.03",
                facecolor="#e3edf7",
                edgecolor="#1565c0",
                linewidth=1.5,
            )
        )
        ax.text(0.5, y, mpl_safe(label), ha="center", va="center", fontsize=12, wrap=False)
        if i < len(steps) - 1:
            ax.add_patch(
                FancyArrowPatch(
                    (0.5, y - 0.37),
                    (0.5, y - 0.63),
                    arrowstyle="-|>",
                    mutation_scale=18,
                    color="#1565c0",
                    linewidth=1.5,
                )
            )
    return fig


def pathway_html(steps: list[PathwayStep]) -> str:
    """The same pathway as an escaped, numbered list (for screen readers and printing)."""
    items = "".join(
        f"<li>{html.escape(s.step)}"
        + (f" <em>({html.escape(s.who)})</em>" if s.who else "")
        + "</li>"
        for s in steps
    )
    return f"<ol>{items}</ol>"
