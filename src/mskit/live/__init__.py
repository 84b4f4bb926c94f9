"""The live session's logic, without widgets: what a group may see, what the board shows,
join codes and links. The widgets in :mod:`mskit.ui` are thin over these functions."""
