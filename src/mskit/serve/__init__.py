"""Running a live session: the facilitator board (127.0.0.1 only) and, on request, the
participant server on the room's network, each a Voila server serving one notebook."""

from .launcher import Server, ServerSpec, board_spec, participant_spec, run

__all__ = ["Server", "ServerSpec", "board_spec", "participant_spec", "run"]
