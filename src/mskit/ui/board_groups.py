"""The board's groups section: add a table (label and the agencies at it), and a card per
table with its join code, QR code and link, whether it has joined, and a button that puts
that one table's code on the projector (never every code at once)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..live import board_data
from ..live.actions import new_code, show_code, shown_code
from ..live.join import join_url, qr_svg
from ..live.watch import failed_joins, refused_requests
from ..render import render
from ..store import Store, StoreError

SayFn = Callable[..., None]


def _button(text: str, css_class: str, style: str = "", tooltip: str = "") -> w.Button:
    b = w.Button(description=text, button_style=style, tooltip=tooltip or text)
    b.add_class(css_class)
    return b


class GroupsPanel:
    """``GroupsPanel(store, kit, session_id, participant_url, say).widget``."""

    def __init__(
        self, store: Store, kit: Any, session_id: str, participant_url: str, say: SayFn
    ) -> None:
        self.store, self.kit, self.session_id = store, kit, session_id
        self.participant_url, self.say = participant_url, say
        self.label = w.Text(description="Group label", placeholder="e.g. Table 1")
        self.label.add_class("mskit-group-label")
        self.agencies = {
            a.id: w.Checkbox(description=a.name, value=False, indent=False)
            for a in kit.agencies.values()
        }
        for aid, box in self.agencies.items():
            box.add_class(f"mskit-agency-{aid}")
        boxes = w.HBox(list(self.agencies.values()))
        boxes.add_class("mskit-agency-boxes")
        self.add_button = _button("Add group", "mskit-add-group", "primary")
        self.add_button.on_click(lambda _b: self.add_group())
        self.hide_button = _button("Hide the code from the projector", "mskit-hide-code")
        self.hide_button.on_click(lambda _b: self.show_on_projector(None))
        self.watch = w.HTML()
        self.watch.add_class("mskit-watch")
        self.cards = w.HBox()
        self.cards.add_class("mskit-join-cards")
        self._shape: tuple | None = None
        self.widget = w.VBox(
            [
                w.HTML(
                    render(
                        "board/section_head.html.j2", title="Groups", text="Agencies at the table:"
                    )
                ),
                boxes,
                self.label,
                self.add_button,
                w.HTML(
                    render(
                        "board/hint.html.j2",
                        text=(
                            "Show one table's code at a time on the projector: the code is all a "
                            "phone needs to answer for that table."
                        ),
                    )
                ),
                self.hide_button,
                self.cards,
                self.watch,
            ]
        )
        self.widget.add_class("mskit-groups")
        self.update(None)

    def add_group(self) -> None:
        label = self.label.value.strip()
        if not label:
            self.say("Give the group a label first, such as Table 1.", error=True)
            return
        agencies = [aid for aid, box in self.agencies.items() if box.value]
        try:
            group = self.store.add_group(self.session_id, label, agencies)
        except StoreError as exc:
            self.say(str(exc), error=True)
            return
        self.store.log(self.session_id, "group_added", {"group_id": group.id, "label": label})
        self.label.value = ""
        for box in self.agencies.values():
            box.value = False
        self.update(None)
        self.say(f"Added {label}: join code {group.join_code}.")

    def renew_code(self, group_id: str) -> None:
        """Issue a new join code for this table; the old one stops working."""
        try:
            group = new_code(self.store, self.session_id, group_id)
        except StoreError as exc:
            self.say(str(exc), error=True)
            return
        self.update(None)
        self.say(
            f"{group.label} has a new join code: {group.join_code}. The old one no longer works."
        )

    def show_on_projector(self, group_id: str | None) -> None:
        show_code(self.store, self.session_id, group_id)
        self.update(None)

    def update(self, snap: board_data.Snapshot | None) -> None:
        """Re-render the cards when a group was added, joined or put on the projector."""
        if snap is not None:
            groups = snap.groups
        else:
            groups = board_data.snapshot(self.store, self.kit, self.session_id).groups
        self._update_watch()
        shown = shown_code(self.store, self.session_id)
        shape = (tuple((g.id, g.joined, g.join_code) for g in groups), shown)
        if shape == self._shape:
            return
        self._shape = shape
        self.hide_button.disabled = shown is None
        self.cards.children = [self._card(g, g.id == shown) for g in groups] or [
            w.HTML(render("board/hint.html.j2", text="No groups yet."))
        ]

    def _update_watch(self) -> None:
        """One line on strangers: wrong join codes typed, requests the servers refused."""
        wrong = failed_joins(self.store, self.session_id)
        refused = refused_requests(os.environ.get("MSKIT_DATA"))
        text = ""
        if wrong or refused:
            text = (f"Wrong join codes typed: {wrong}. Requests refused by the servers: "
                    f"{refused}. Many of either: someone may be guessing; give tables new codes.")  # fmt: skip
        value = render("board/hint.html.j2", text=text) if text else ""
        if self.watch.value != value:
            self.watch.value = value

    def _card(self, g: board_data.GroupStatus, on_projector: bool) -> w.Widget:
        url = join_url(self.participant_url, g.join_code)
        names = [self.kit.agencies[a].name if a in self.kit.agencies else a for a in g.agencies]
        html = render("board/join_card.html.j2", label=g.label, agencies=names, joined=g.joined,
                      qr=qr_svg(url, scale=3), code=g.join_code, url=url, large=False)  # fmt: skip
        if on_projector:
            show = _button("On the projector now", f"mskit-show-code-{g.id}", "info",
                           tooltip=f"{g.label}'s code is on the projector")  # fmt: skip
            show.disabled = True
        else:
            show = _button("Show on the projector", f"mskit-show-code-{g.id}",
                           tooltip=f"Show {g.label}'s join code on the projector")  # fmt: skip
            show.on_click(lambda _b, gid=g.id: self.show_on_projector(gid))
        renew = _button("New code for this table", f"mskit-new-code-{g.id}",
                        tooltip=f"Give {g.label} a new join code; the old one stops working")  # fmt: skip
        renew.on_click(lambda _b, gid=g.id: self.renew_code(gid))
        row = w.HBox([show, renew])
        row.add_class("mskit-button-row")
        box = w.VBox([w.HTML(html), row])
        box.add_class("mskit-join-card-box")
        if on_projector:
            box.add_class("mskit-on-projector")
        return box
