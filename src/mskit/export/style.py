"""Styles for exported pages, on screen and printed (A4): nothing is fetched from the web.

Printing never cuts a table row, a chart or a question block in half (``break-inside:
avoid``), table headers repeat on each page, and a heading stays with what follows it.
"""

from __future__ import annotations

REPORT_CSS = """
:root { --mskit-ink: #111; --mskit-muted: #455a64; --mskit-rule: #90a4ae; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  color: var(--mskit-ink); line-height: 1.4; font-size: 11pt; }
.mskit-report { max-width: 60em; margin: 0 auto; padding: 0 1em; }
.mskit-report h1 { font-size: 1.7em; margin: 0.4em 0 0.2em; }
.mskit-report h2 { font-size: 1.35em; margin: 1.2em 0 0.3em; border-bottom: 2px solid #455a64;
  padding-bottom: 0.1em; }
.mskit-report h3 { font-size: 1.1em; margin: 0.9em 0 0.3em; }
.mskit-report h4 { font-size: 1em; margin: 0.6em 0 0.2em; }
.mskit-muted { color: var(--mskit-muted); }
.mskit-small { font-size: 0.85em; }
.mskit-pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.mskit-report table.mskit-table { border-collapse: collapse; margin: 0.4em 0 0.8em;
  width: 100%; font-size: 1em; table-layout: auto; }
.mskit-report table.mskit-table.mskit-narrow { width: auto; }
.mskit-report table.mskit-table th, .mskit-report table.mskit-table td {
  border: 1px solid var(--mskit-rule); padding: 0.25em 0.5em; text-align: left;
  vertical-align: top; background: none; max-width: none; }
.mskit-report table.mskit-table th { background: #eceff1; }
.mskit-report table.mskit-table tbody tr { background: none !important; }
.mskit-report table.mskit-table td.num, .mskit-report table.mskit-table th.num {
  text-align: right; white-space: nowrap; }
.mskit-report table.mskit-table tr.mskit-model td { background: #e8f5e9; }
.mskit-question { border-left: 4px solid #455a64; padding: 0.1em 0 0.1em 0.8em;
  margin: 0.8em 0; }
.mskit-model-answer { background: #e8f5e9; border-left: 4px solid #1b5e20;
  padding: 0.4em 0.8em; white-space: pre-wrap; overflow-wrap: break-word; }
.mskit-feedback { background: #fff8e1; border-left: 4px solid #8a6d00; padding: 0.4em 0.8em;
  white-space: pre-wrap; overflow-wrap: break-word; }
.mskit-narrative { background: #f4f6f8; border-left: 4px solid #455a64; padding: 0.4em 0.8em; }
.mskit-note { background: #fff8e1; border-left: 4px solid #8a6d00; padding: 0.4em 0.8em; }
figure.mskit-chart { margin: 0.6em 0; }
figure.mskit-chart img { max-width: 100%; height: auto; }
figure.mskit-chart figcaption { font-size: 0.85em; color: var(--mskit-muted); }
.mskit-box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #111;
  vertical-align: -0.1em; margin-right: 0.4em; }
.mskit-lines div { border-bottom: 1px solid #607d8b; height: 1.9em; }
.mskit-blank { display: inline-block; min-width: 12em; border-bottom: 1px solid #111; }
ul.mskit-choices { list-style: none; padding-left: 0.4em; }
ul.mskit-choices li { margin: 0.25em 0; }
/* nbconvert's page furniture */
.jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow: visible !important; }
.jp-RenderedHTMLCommon table { table-layout: auto; }
.jp-Cell, .jp-OutputArea-child { break-inside: auto !important; }
/* Forced page breaks inside flex boxes leave blank pages in Chromium: print as blocks. */
.jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child,
.jp-OutputArea-output { display: block !important; }
.jp-OutputPrompt, .jp-InputPrompt { display: none !important; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { font-size: 10pt; }
  .mskit-report { max-width: none; padding: 0; }
  tr, figure, img, .mskit-question, .mskit-keep, .mskit-model-answer, .mskit-feedback {
    break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .mskit-page-break { break-before: page; page-break-before: always; }
  .mskit-stage { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"""
