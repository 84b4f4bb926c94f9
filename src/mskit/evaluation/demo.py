"""Demo session files from two facilitators' laptops, to try the programme report.

Three simulated sessions (:func:`mskit.demo.create_demo_session`): facilitator A runs two
(North, January and March), facilitator B one (South, February). Each laptop records a
follow-up action or two. The files are what ``mskit evaluation export`` writes.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from .files import export_session_file
from .followup import record_follow_up

__all__ = ["DEMO_SESSIONS", "demo_session_files"]

DEMO_SESSIONS = (
    # facilitator, borough, name, day, groups, seed
    ("Facilitator A (demo)", "North borough (demo)", "Awareness session, Civic Centre",
     date(2025, 1, 15), 5, 11),
    ("Facilitator B (demo)", "South borough (demo)", "Awareness session, Health Centre",
     date(2025, 2, 20), 6, 12),
    ("Facilitator A (demo)", "North borough (demo)", "Awareness session, Police Station",
     date(2025, 3, 12), 4, 13),
)  # fmt: skip
DEMO_FOLLOW_UPS = {
    0: [("protocol_reviewed", date(2025, 2, 3), "Adult safeguarding procedure updated (demo)")],
    1: [("referral_pathway", date(2025, 3, 1), "Referral flowchart agreed with the SPOC (demo)")],
    2: [("elearning_promoted", date(2025, 3, 20), "E-learning link in the staff bulletin (demo)")],
}


def demo_session_files(kit: Any, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write the three demo session files into ``out_dir``; their paths, oldest first."""
    from ..demo import create_demo_session
    from ..store import open_store

    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with tempfile.TemporaryDirectory(prefix="mskit-demo-") as tmp:
        for n, (who, borough, name, day, groups, seed) in enumerate(DEMO_SESSIONS):
            with open_store(Path(tmp) / f"sim{n}") as sim:
                sid = create_demo_session(sim, kit, groups=groups, seed=seed, name=name, day=day)
                data = sim.export_session(sid)
            data["session"]["facilitator"] = who
            data["session"]["borough"] = borough
            with open_store(Path(tmp) / f"laptop{n}") as laptop:
                laptop.import_session(data)
                for action, when, note in DEMO_FOLLOW_UPS.get(n, []):
                    record_follow_up(laptop, sid, action, when, note)
                paths.append(
                    export_session_file(laptop, sid, out / f"session-{day}-{sid[:8]}.json")
                )
    return paths
