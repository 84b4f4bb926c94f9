"""Page styles: readable on a phone and on a projector, high contrast, visible focus."""

from __future__ import annotations

import ipywidgets as w

BASE_CSS = """
<style>
.mskit-page { max-width: 60em; margin: 0 auto; font-size: 18px; line-height: 1.45;
  color: #111; }
.mskit-page h1 { font-size: 1.6em; margin: 0.3em 0; }
.mskit-page h2 { font-size: 1.35em; margin: 0.6em 0 0.3em; }
.mskit-page h3 { font-size: 1.15em; margin: 0.5em 0 0.2em; }
.mskit-page .widget-label, .mskit-page .widget-label-basic, .mskit-page label { font-size: 1em; color: #111; }
.mskit-page .widget-radio-box label, .mskit-page .widget-checkbox label { white-space: normal; }
.mskit-page .widget-checkbox, .mskit-page .widget-radio-box { height: auto; }
.mskit-page .widget-checkbox label { overflow: visible; text-overflow: clip; height: auto; }
.mskit-page button:focus, .mskit-page input:focus, .mskit-page select:focus,
.mskit-page textarea:focus { outline: 3px solid #1a56db; outline-offset: 2px; }
.mskit-page .jupyter-button.mod-primary { background: #0d47a1; color: #fff; }
.mskit-page .jupyter-button.mod-info { background: #01579b; color: #fff; }
.mskit-page .jupyter-button.mod-success { background: #1b5e20; color: #fff; }
.mskit-page .jupyter-button.mod-warning { background: #8a4b00; color: #fff; }
.mskit-page .jupyter-button.mod-danger { background: #8b0000; color: #fff; }
.mskit-page .jupyter-button { font-size: 1em; height: auto; min-height: 2.2em; }
.mskit-page .widget-html-content, .mskit-page .widget-html { font-size: inherit;
  line-height: inherit; color: inherit; }
.mskit-page .widget-toggle-buttons .widget-toggle-button { width: auto; padding: 0 1em; }
.mskit-prompt { font-weight: bold; margin: 0.8em 0 0.2em; }
.mskit-narrative { background: #f4f6f8; padding: 0.6em 1em; border-left: 4px solid #455a64; }
.mskit-note { background: #fff8e1; padding: 0.5em 1em; border-left: 4px solid #8a6d00; }
.mskit-status { color: #1b5e20; font-weight: bold; min-height: 1.4em; }
.mskit-status.mskit-error { color: #8b0000; }
.mskit-feedback { background: #e8f5e9; padding: 0.5em 1em; border-left: 4px solid #1b5e20; }
.mskit-feedback h4 { margin: 0.5em 0 0.2em; font-size: 1em; }
.mskit-feedback p, .mskit-feedback ul { margin: 0.2em 0; }
.mskit-feedback.mskit-partial { background: #fff8e1; border-left-color: #8a6d00; }
.mskit-table { border-collapse: collapse; margin: 0.4em 0; }
.mskit-table th, .mskit-table td { border: 1px solid #90a4ae; padding: 0.25em 0.6em; text-align: left; }
.mskit-table th { background: #eceff1; }
.mskit-code { font-family: monospace; font-size: 1.5em; letter-spacing: 0.1em; }
.mskit-projector { font-size: 28px; background: #000; color: #fff; }
.mskit-projector .mskit-table th { background: #222; color: #fff; }
.mskit-projector .mskit-table td, .mskit-projector .mskit-table th { border-color: #fff; }
.mskit-projector .widget-label, .mskit-projector label, .mskit-projector .widget-html-content { color: #fff; }
.mskit-projector .mskit-narrative, .mskit-projector .mskit-note, .mskit-projector .mskit-feedback { background: #111; color: #fff; }
.mskit-projector .mskit-qr { background: #fff; padding: 8px; }
</style>
"""


def style_widget() -> w.HTML:
    """An HTML widget carrying the kit's CSS; display it once on each page."""
    return w.HTML(BASE_CSS, layout=w.Layout(display="none"))
