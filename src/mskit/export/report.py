"""The session report: the report notebook executed with the session's parameters, then
turned into one offline HTML page by nbconvert (inputs hidden, charts inline).

The HTML template extends nbconvert's ``lab`` template and drops everything it would fetch
from the web (require.js, MathJax, Mermaid, widget scripts); :func:`offline_problems` checks
what is left.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .errors import ExportError
from .style import REPORT_CSS

NOTEBOOK = Path("reports") / "session-report.ipynb"
"""Under the kit's ``notebooks/`` (a kit without it uses the default kit's)."""
KERNEL_TIMEOUT = 300

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.mskit_css }}</style>{%- endblock html_head_css -%}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<main class="mskit-report">
{%- endblock body_header -%}
"""


def notebook_path(kit: Any = None) -> Path:
    """The report notebook: in the kit's folder, else in the default kit."""
    from ..content.kit import kit_notebook

    root = getattr(kit, "root", None)
    path = kit_notebook(NOTEBOOK, Path(root) if root else None)
    if not path.is_file():
        raise ExportError(f"The report notebook notebooks/{NOTEBOOK} was not found.")
    return path


def inject_parameters(nb: Any, params: dict[str, Any]) -> Any:
    """Add a cell setting ``params`` after the cell tagged ``parameters`` (papermill style)."""
    import nbformat

    source = "# Injected parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters",
                                                               "remove_cell"]})  # fmt: skip
    at = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0
    )
    nb.cells.insert(at, cell)
    return nb


def execute_report(snapshot: dict[str, Any], kit: Any) -> Any:
    """Run the report notebook on ``snapshot`` (``store.export_session``); the executed
    notebook."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(notebook_path(kit), as_version=4)
    with tempfile.TemporaryDirectory(prefix="mskit-report-") as tmp:
        snap = Path(tmp) / "session.json"
        snap.write_text(json.dumps(snapshot), encoding="utf-8")
        inject_parameters(nb, {"snapshot": str(snap), "kit_root": str(getattr(kit, "root", ""))})
        client = NotebookClient(
            nb, timeout=KERNEL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": tmp}}
        )
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up chatter
        except CellTimeoutError:
            raise ExportError("The session report took too long to build.") from None
        except CellExecutionError as exc:
            last = str(getattr(exc, "ename", "")) + ": " + str(getattr(exc, "evalue", ""))
            raise ExportError(f"The session report could not be built ({last}).") from None
        except Exception as exc:  # kernel failed to start, ...
            raise ExportError(
                f"The session report could not be built: {exc}".splitlines()[0]
            ) from None
    nb.metadata["title"] = f"Session report: {snapshot['session'].get('name', '')}"
    return nb


def notebook_html(nb: Any) -> str:
    """An executed notebook as one offline HTML page: inputs and prompts hidden."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"mskit_report.html.j2": _TEMPLATE})], template_name="lab"
    )
    exporter.template_file = "mskit_report.html.j2"
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=("remove_cell",)), enabled=True
    )
    body, _ = exporter.from_notebook_node(nb, resources={"mskit_css": REPORT_CSS})
    return strip_remote(body)


_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I
)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)


def strip_remote(html: str) -> str:
    """Remove any script or stylesheet that would be fetched from the web."""
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", html))


_FETCHES = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
    r"((?:https?:)?//[^\"'\s>]+)|@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
    re.I,
)


def offline_problems(html: str) -> list[str]:
    """Addresses the page would fetch from the network (empty for an offline page)."""
    return [next(g for g in m.groups() if g) for m in _FETCHES.finditer(html)]


def report_html(snapshot: dict[str, Any], kit: Any) -> str:
    """The session report as HTML, from a session snapshot."""
    return notebook_html(execute_report(snapshot, kit))
