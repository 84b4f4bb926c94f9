"""ipywidgets components: thin over :mod:`mskit.live`, the scoring and the store.

A callback calls library code and re-renders from the store; tests drive the widgets
headless by setting ``.value`` and calling ``.click()``.
"""
