"""HTML pages to A4 PDFs through headless Chromium (the system's, not a downloaded one).

One browser is started for a whole batch (the report and every debrief sheet). The page
may fetch nothing from the network: every request that is not ``data:``/``about:`` is
refused, so a PDF made offline is the same as one made online.

``nbconvert --to webpdf`` cannot be pointed at a system Chromium, so Playwright launches it
with ``executable_path``; without Playwright, ``chromium --headless --print-to-pdf`` is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .output import ExportError

CHROMIUM_ENV = "MSKIT_CHROMIUM"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;'
    'font-family:sans-serif"><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


def find_chromium() -> str | None:
    """``MSKIT_CHROMIUM``, else /usr/bin/chromium, else chromium or Chrome on the PATH."""
    env = os.environ.get(CHROMIUM_ENV, "").strip()
    if env:
        return env if Path(env).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(pages: Sequence[tuple[str, Path]], chromium: str | None = None) -> list[Path]:
    """Print each ``(html, pdf_path)`` to an A4 PDF; the paths written.

    Raises :class:`ExportError` with a plain message when there is no Chromium or it fails.
    """
    if not pages:
        return []
    exe = chromium or find_chromium()
    if exe is None:
        raise ExportError(
            "PDF export needs Chromium, which was not found (install Debian's 'chromium' "
            f"package or set {CHROMIUM_ENV}); HTML, CSV and XLSX exports work without it."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return [_cli_pdf(exe, html, out) for html, out in pages]
    # Playwright's sync API refuses to run inside a running asyncio loop (a Jupyter or
    # Voila kernel), so the browser always runs in a worker thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_playwright_pdfs, exe, list(pages)).result()


def _refuse_network(route) -> None:
    url = route.request.url
    if url.startswith(("data:", "about:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _playwright_pdfs(exe: str, pages: list[tuple[str, Path]]) -> list[Path]:
    from playwright.sync_api import Error, sync_playwright

    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(offline=True)
                context.route("**/*", _refuse_network)
                page = context.new_page()
                page.emulate_media(media="print")
                for html, out in pages:
                    page.set_content(html, wait_until="load")
                    page.pdf(
                        path=str(out),
                        format="A4",
                        print_background=True,
                        prefer_css_page_size=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER,
                    )
                    written.append(out)
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"Chromium could not print the PDF ({exe}): {first}") from None
    return written


def _cli_pdf(exe: str, html: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="mskit-pdf-") as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html, encoding="utf-8")
        cmd = [exe, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={out}",
               src.as_uri()]  # fmt: skip
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportError(f"Chromium could not print the PDF ({exe}): {exc}") from None
        if done.returncode != 0 or not out.is_file():
            raise ExportError(f"Chromium could not print the PDF ({exe}).")
    return out
