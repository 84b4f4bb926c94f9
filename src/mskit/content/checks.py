"""Consistency and cross-reference checks over loaded content.

Shape is the models' job; here: ids a file uses exist, answer keys are complete and
consistent, stages are ordered, timings add up, ids are unique across files.
Each check yields ``(loc, message)`` or ``(loc, message, "warning")`` for one file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kit import CONTENT_FOLDERS, Kit, content_root, default_kit_root, load_files
from .loader import LoadedFile
from .problems import Problem
from .questions import SCORED_TYPES

Finding = tuple  # (loc, message[, severity])
Check = Callable[[Any, Kit], Iterator[Finding]]
CATALOGUE_KINDS = {
    "sources",
    "indicators",
    "exploitation_types",
    "agencies",
    "actions",
    "statistics",
    "local_contacts",
}
CHECKS: dict[str, list[Check]] = {}


def check(*kinds: str) -> Callable[[Check], Check]:
    """Register a check for files of the given kinds."""

    def register(fn: Check) -> Check:
        for kind in kinds:
            CHECKS.setdefault(kind, []).append(fn)
        return fn

    return register


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _dupes(items: Iterable[Any], attr: str = "id") -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield i, value
        seen.add(value)


def _refs(ids: Iterable[str], known: dict, what: str, loc: tuple) -> Iterator[Finding]:
    for i, ref in enumerate(ids):
        if ref not in known:
            yield (*loc, i), f"unknown {what} {ref!r}; expected an id from the catalogue"


# --- catalogue files -------------------------------------------------------------------


@check("sources", "indicators", "exploitation_types", "actions")
def _unique_entry_ids(model: Any, kit: Kit) -> Iterator[Finding]:
    for field in ("sources", "indicators", "types", "actions"):
        for i, dup in _dupes(getattr(model, field, ())):
            yield (field, i, "id"), f"duplicate id {dup!r}; each id must be unique"


@check("indicators", "exploitation_types", "agencies", "actions")
def _cited_sources(model: Any, kit: Kit) -> Iterator[Finding]:
    for field in ("indicators", "types", "duties", "agencies", "actions"):
        for i, entry in enumerate(getattr(model, field, ())):
            yield from _refs(entry.sources, kit.sources, "source", (field, i, "sources"))
    yield from _refs(
        getattr(model, "caution_sources", ()), kit.sources, "source", ("caution_sources",)
    )


@check("exploitation_types")
def _part_of(model: Any, kit: Kit) -> Iterator[Finding]:
    for i, t in enumerate(model.types):
        if t.part_of is not None and t.part_of not in kit.exploitation_types:
            yield ("types", i, "part_of"), f"unknown exploitation type {t.part_of!r}"


@check("agencies")
def _agency_duties(model: Any, kit: Kit) -> Iterator[Finding]:
    for i, dup in _dupes(model.duties):
        yield ("duties", i, "id"), f"duplicate duty id {dup!r}"
    for i, dup in _dupes(model.agencies):
        yield ("agencies", i, "id"), f"duplicate agency id {dup!r}"
    for i, agency in enumerate(model.agencies):
        yield from _refs(agency.duties, kit.duties, "duty", ("agencies", i, "duties"))


@check("statistics")
def _statistics(model: Any, kit: Kit) -> Iterator[Finding]:
    seen: dict[tuple, int] = {}
    for i, row in enumerate(model.rows):
        if row.source not in kit.sources:
            yield ("rows", i, "source"), f"unknown source {row.source!r}; every row needs a source"
        if row.unit == "percent" and row.value > 100:
            yield ("rows", i, "value"), f"expected a percentage of at most 100, got {row.value}"
        key = (row.measure, row.year, row.category, row.series, row.period, row.source)
        if key in seen:
            yield ("rows", i), f"same figure as row {seen[key]} (measure, year, category, series)"
        seen.setdefault(key, i)


@check("local_contacts")
def _contacts(model: Any, kit: Kit) -> Iterator[Finding]:
    for i, dup in _dupes(model.contacts):
        yield ("contacts", i, "id"), f"duplicate contact id {dup!r}"
    if not model.template:
        if not model.borough:
            yield ("borough",), "expected the borough's name once template is false"
        for i, c in enumerate(model.contacts):
            if not (c.phone or c.email):
                yield ("contacts", i), f"{c.role}: expected a phone number or email", "warning"


# --- questions -------------------------------------------------------------------------


def _question_findings(q: Any, loc: tuple, kit: Kit) -> Iterator[Finding]:
    t = q.type
    if t in SCORED_TYPES:
        yield from _refs(q.sources, kit.sources, "source", (*loc, "sources"))
    if t in {"single_choice", "multiple_choice"}:
        for i, dup in _dupes(q.options):
            yield (*loc, "options", i, "id"), f"duplicate option id {dup!r}"
        for i, dup in _dupes(q.options, "text"):
            yield (*loc, "options", i, "text"), f"duplicate option text {dup!r}"
        right = sum(o.correct for o in q.options)
        if t == "single_choice" and right != 1:
            yield (
                (*loc, "options"),
                f"expected exactly one option with correct: true, found {right}",
            )
        if t == "multiple_choice" and right == 0:
            yield (*loc, "options"), "expected at least one option with correct: true"
        if t == "multiple_choice" and q.rule == "weighted":
            best = sum(o.weight if o.weight is not None else 1.0 for o in q.options if o.correct)
            if best <= 0:
                yield (
                    (*loc, "options"),
                    ("under rule: weighted the right options' weights must add up to more than 0"),
                )
        if t == "multiple_choice" and q.rule != "weighted":
            for i, o in enumerate(q.options):
                if o.weight is not None:
                    yield (*loc, "options", i, "weight"), "weight is used only with rule: weighted"
    elif t == "indicator_spotting":
        yield from _refs(q.present, kit.indicators, "indicator", (*loc, "present"))
        yield from _refs(q.distractors, kit.indicators, "indicator", (*loc, "distractors"))
        for i, ind in enumerate(q.distractors):
            if ind in q.present:
                yield (*loc, "distractors", i), f"{ind!r} is also in present"
        offered = set(q.present) | set(q.distractors)
        for key in q.notes:
            if key not in offered:
                yield (*loc, "notes", key), f"note for {key!r}, which is not offered"
        for i, ind in enumerate(q.present):
            if ind not in q.notes:
                yield (*loc, "present", i), f"expected a note saying where {ind!r} shows", "warning"
    elif t == "classification":
        if q.correct in q.also_accept:
            yield (*loc, "also_accept"), f"{q.correct!r} is already the correct answer"
    elif t == "action_plan":
        yield from _refs(q.actions, kit.actions, "action", (*loc, "actions"))
        offered = set(q.actions)
        for field in ("essential", "harmful"):
            for i, a in enumerate(getattr(q, field)):
                if a not in offered:
                    yield (*loc, field, i), f"{a!r} is not among the actions offered"
        for i, a in enumerate(q.harmful):
            if a in q.essential:
                yield (*loc, "harmful", i), f"{a!r} is marked both essential and harmful"
        for i, rule in enumerate(q.order):
            rloc = (*loc, "order", i)
            if rule.first is None and (rule.before is None or rule.after is None):
                yield rloc, "expected either first: ACTION, or both before: and after:"
            if rule.first is not None and (rule.before or rule.after):
                yield rloc, "expected first: on its own, without before:/after:"
            for key in ("first", "before", "after"):
                ref = getattr(rule, key)
                if ref is not None and ref not in offered:
                    yield (*rloc, key), f"{ref!r} is not among the actions offered"
        for key in q.notes:
            if key not in offered:
                yield (*loc, "notes", key), f"note for {key!r}, which is not offered"
        if q.max_picks is not None and q.max_picks < len(q.essential):
            yield (*loc, "max_picks"), "max_picks is smaller than the number of essential actions"
    elif t == "match":
        targets = {x.id for x in q.targets}
        for i, dup in _dupes(q.targets):
            yield (*loc, "targets", i, "id"), f"duplicate target id {dup!r}"
        for i, dup in _dupes(q.items):
            yield (*loc, "items", i, "id"), f"duplicate item id {dup!r}"
        for i, item in enumerate(q.items):
            for j, a in enumerate(item.answer):
                if a not in targets:
                    yield (*loc, "items", i, "answer", j), f"unknown target {a!r}"
    elif t == "sort":
        cats = {x.id for x in q.categories}
        for i, dup in _dupes(q.categories):
            yield (*loc, "categories", i, "id"), f"duplicate category id {dup!r}"
        for i, dup in _dupes(q.items):
            yield (*loc, "items", i, "id"), f"duplicate item id {dup!r}"
        for i, item in enumerate(q.items):
            if item.answer not in cats:
                yield (*loc, "items", i, "answer"), f"unknown category {item.answer!r}"
    elif t == "rating":
        if q.scale_min >= q.scale_max:
            yield (*loc, "scale_max"), "expected scale_max greater than scale_min"
        for key in q.labels:
            if not q.scale_min <= key <= q.scale_max:
                yield (*loc, "labels", key), f"label for {key}, outside the scale"


def _where(*loc: str | int) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _questions(questions: Iterable[Any], loc: tuple, kit: Kit, seen: dict) -> Iterator[Finding]:
    for i, q in enumerate(questions):
        if q.id in seen:
            yield (*loc, i, "id"), f"duplicate question id {q.id!r}; already used at {seen[q.id]}"
        seen.setdefault(q.id, _where(*loc, i))
        yield from _question_findings(q, (*loc, i), kit)


# --- activities and programmes ---------------------------------------------------------


@check("scenario")
def _scenario(s: Any, kit: Kit) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for i, dup in _dupes(s.stages):
        yield ("stages", i, "id"), f"duplicate stage id {dup!r}"
    for i, stage in enumerate(s.stages):
        yield from _questions(stage.questions, ("stages", i, "questions"), kit, seen)
        if not any(q.type in SCORED_TYPES for q in stage.questions):
            yield ("stages", i, "questions"), "expected at least one scored question per stage"
    total = sum(st.minutes for st in s.stages)
    if total > s.duration_minutes:
        yield (
            ("duration_minutes",),
            (f"stages take {total} minutes but duration_minutes is {s.duration_minutes}"),
        )
    yield from _refs(
        s.exploitation_types, kit.exploitation_types, "exploitation type", ("exploitation_types",)
    )
    yield from _refs(s.agencies, kit.agencies, "agency", ("agencies",))
    if s.first_met_by not in kit.agencies:
        yield (
            ("first_met_by",),
            f"unknown agency {s.first_met_by!r}; expected an id from the catalogue",
        )
    if "disclos" not in s.facilitator_notes.lower():
        yield (
            ("facilitator_notes",),
            ("expected guidance on what to do if a participant discloses their own experience"),
        )


@check("exercise")
def _exercise(e: Any, kit: Kit) -> Iterator[Finding]:
    yield from _questions(e.questions, ("questions",), kit, {})
    yield from _refs(e.agencies, kit.agencies, "agency", ("agencies",))
    scored = [q for q in e.questions if q.type in SCORED_TYPES]
    if e.scored and not scored:
        yield ("scored",), "scored is true but no question is scored"
    if not e.scored and scored:
        yield ("scored",), f"scored is false but question {scored[0].id!r} is scored"


@check("programme")
def _programme(p: Any, kit: Kit) -> Iterator[Finding]:
    for i, dup in _dupes(p.items):
        yield ("items", i, "id"), f"duplicate item id {dup!r}"
    total = sum(item.minutes for item in p.items)
    if total != p.duration_minutes:
        yield (
            ("duration_minutes",),
            (f"items add up to {total} minutes but duration_minutes is {p.duration_minutes}"),
        )
    clock = _minutes(p.start) if p.start else None
    for i, item in enumerate(p.items):
        loc = ("items", i)
        if clock is not None:
            if item.start is None or item.end is None:
                yield loc, "expected start and end, since the programme has a start time"
            else:
                if _minutes(item.start) != clock:
                    yield (
                        (*loc, "start"),
                        f"expected {clock // 60:02d}:{clock % 60:02d}, the end of the item before",
                    )
                if _minutes(item.end) - _minutes(item.start) != item.minutes:
                    yield (
                        (*loc, "minutes"),
                        (
                            f"{item.start}-{item.end} is {_minutes(item.end) - _minutes(item.start)} "
                            f"minutes, not {item.minutes}"
                        ),
                    )
            clock = _minutes(item.end) if item.end else (clock + item.minutes)
        for j, act in enumerate(item.activities):
            if act not in kit.scenarios and act not in kit.exercises:
                yield (
                    (*loc, "activities", j),
                    f"unknown activity {act!r}; expected a scenario or exercise id",
                )
        yield from _activities_fit(item, loc, kit)
        for j, notebook in enumerate(item.notebooks):
            if not any((base / notebook).is_file() for base in (kit.root, default_kit_root())):
                yield (*loc, "notebooks", j), f"notebook {notebook} does not exist yet", "warning"
    yield from _refs(p.sources, kit.sources, "source", ("sources",))


def _activities_fit(item: Any, loc: tuple, kit: Kit) -> Iterator[Finding]:
    """Exercises in an item run one after another, so their minutes add up; case studies in
    an item are alternatives that groups run side by side, so the longest one counts."""
    exercises = [kit.exercises[a] for a in item.activities if a in kit.exercises]
    scenarios = [kit.scenarios[a] for a in item.activities if a in kit.scenarios]
    for j, act in enumerate(item.activities):
        model = kit.exercises.get(act) or kit.scenarios.get(act)
        if model is not None and model.duration_minutes > item.minutes:
            yield (
                (*loc, "activities", j),
                f"{act!r} takes {model.duration_minutes} minutes but the item has {item.minutes}",
            )
    longest = max((sc.duration_minutes for sc in scenarios), default=0)
    need = sum(e.duration_minutes for e in exercises) + longest
    if len(item.activities) > 1 and need > item.minutes:
        parts = [f"exercises {sum(e.duration_minutes for e in exercises)}"] if exercises else []
        parts += [f"the longest case study {longest}"] if scenarios else []
        yield (
            (*loc, "minutes"),
            f"its activities need {need} minutes ({' + '.join(parts)}) but the item has "
            f"{item.minutes}",
        )


# --- across files ----------------------------------------------------------------------

_ID_KINDS = {"scenario": "activity", "exercise": "activity", "programme": "programme"}


def _duplicates_across(files: list[LoadedFile], targets: set[int]) -> Iterator[Problem]:
    groups: dict[tuple[str, str], list[LoadedFile]] = {}
    for f in files:
        if f.model is not None and f.kind in _ID_KINDS:
            groups.setdefault((_ID_KINDS[f.kind], f.model.id), []).append(f)
    for (_, ident), group in groups.items():
        for f in group[1:] if len(group) > 1 else ():
            if id(f) not in targets:
                continue
            other = group[0]
            line = other.document.line_of(("id",)) if other.document else 1
            yield f.problem(("id",), f"id {ident!r} is also used by {other.display}:{line}")
        if (
            len(group) > 1
            and id(group[0]) in targets
            and not any(id(g) in targets for g in group[1:])
        ):
            other = group[1]
            line = other.document.line_of(("id",)) if other.document else 1
            yield group[0].problem(("id",), f"id {ident!r} is also used by {other.display}:{line}")


@dataclass(frozen=True)
class Checked:
    """What a check looked at (the files named, or the kit's) and what it found."""

    files: tuple[LoadedFile, ...]
    problems: tuple[Problem, ...]

    def counts(self) -> dict[str, int]:
        """How many files of each kind were checked, in the order people read them."""
        found: dict[str, int] = {}
        for f in self.files:
            group = _COUNT_GROUPS.get(f.kind or "", "unreadable")
            found[group] = found.get(group, 0) + 1
        order = [*dict.fromkeys(_COUNT_GROUPS.values()), "unreadable"]
        return {k: found[k] for k in order if k in found}


_COUNT_GROUPS = {
    "scenario": "scenarios",
    "exercise": "exercises",
    "programme": "programmes",
    **{k: "catalogue files" for k in sorted(CATALOGUE_KINDS)},
}


def validate(paths: Iterable[Path] | None = None, root: Path | None = None) -> list[Problem]:
    """Check content files; ``paths`` default to the kit's own content (see ``check_content``)."""
    return list(check_content(paths, root).problems)


def check_content(paths: Iterable[Path] | None = None, root: Path | None = None) -> Checked:
    """Check content files; ``paths`` default to the kit's own content.

    Named files are checked against the kit's catalogue and activities, except where they
    bring their own catalogue file of a kind (a borough's filled-in local contacts, say).
    """
    root = root or content_root()
    defaults = [root / f for f in CONTENT_FOLDERS if (root / f).is_dir()]
    targets = load_files(paths if paths is not None else defaults, root)
    target_paths = {f.path.resolve() for f in targets}
    own_kinds = {f.kind for f in targets if f.kind in CATALOGUE_KINDS}
    context = (
        []
        if paths is None
        else [
            f
            for f in load_files(defaults, root)
            if f.path.resolve() not in target_paths and f.kind not in own_kinds
        ]
    )
    kit = Kit(root=root)
    for f in [*targets, *context]:
        kit.add(f)
    problems: list[Problem] = []
    for f in targets:
        problems.extend(f.problems)
        if f.model is None:
            continue
        for fn in CHECKS.get(f.kind or "", []):
            for finding in fn(f.model, kit):
                problems.append(f.problem(*finding))
    problems.extend(_duplicates_across([*targets, *context], {id(f) for f in targets}))
    order = {f.display: i for i, f in enumerate(targets)}
    found = sorted(set(problems), key=lambda p: (order.get(p.file, 0), p.line, p.field, p.message))
    return Checked(tuple(targets), tuple(found))
