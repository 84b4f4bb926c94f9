"""Look at a page the way a person does: text that overlaps, targets under 24×24 CSS px,
clipped control text, sideways scrolling; and keep a screenshot of every state.

``layout_problems(page)`` returns a list of readable problems (empty when the page is
fine). ``look(page, name)`` checks the page at every width a room uses (320, 390, 768,
1366, 1920 px) and saves a full-page screenshot per width under ``ARTEFACTS``.
"""

from __future__ import annotations

import os
from pathlib import Path

WIDTHS = (320, 390, 768, 1366, 1920)
PHONE = 768
ARTEFACTS = Path(
    os.environ.get("MSKIT_ARTEFACTS", Path(__file__).parents[1] / "artefacts" / "layout")
)

_CHECK = r"""
(phone) => {
  const problems = [];
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none" || +s.opacity === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !(r.width <= 1 && r.height <= 1);
  };
  const hiddenByAncestor = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden") return true;
      if (e.classList.contains("mskit-visually-hidden")) return true;
      if (e.tagName === "DETAILS" && !e.open && e.firstElementChild !== el &&
          !(el.closest && el.closest("summary"))) return true;
      if (e.tagName === "SELECT" || e.tagName === "OPTION" || e.tagName === "STYLE" ||
          e.tagName === "SCRIPT" || e.getAttribute("aria-hidden") === "true") return true;
    }
    return false;
  };
  const name = (el) => {
    const t = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ?
      "." + el.className.trim().split(/\s+/).slice(0, 2).join(".") : ""} “${t.slice(0, 40)}”`;
  };

  // 1. runs of text that overlap each other
  const runs = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement || hiddenByAncestor(n.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 2 || r.height < 2) continue;
      runs.push({ node: n, r });
    }
  }
  let off = 0;
  for (const { node, r } of runs) {
    if ((r.right > window.innerWidth + 1 || r.left < -1) && off < 5) {
      off++;
      problems.push(`text outside the window (${Math.round(r.left)}–${Math.round(r.right)} px of ` +
                    `${window.innerWidth}): “${node.textContent.trim().slice(0, 40)}”`);
    }
  }
  let overlaps = 0;
  for (let i = 0; i < runs.length && overlaps < 5; i++) {
    for (let j = i + 1; j < runs.length && overlaps < 5; j++) {
      const a = runs[i], b = runs[j];
      if (a.node === b.node) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 3 && h > Math.min(a.r.height, b.r.height) * 0.3) {
        overlaps++;
        problems.push(`text overlaps: “${a.node.textContent.trim().slice(0, 40)}” and ` +
                      `“${b.node.textContent.trim().slice(0, 40)}”`);
      }
    }
  }

  // 2. interactive targets under 24×24 CSS px (a link inside a sentence is exempt)
  const targets = document.querySelectorAll(
    'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], ' +
    '[role=radio], [role=checkbox], [tabindex]:not([tabindex="-1"])');
  for (const el of targets) {
    if (!visible(el) || hiddenByAncestor(el)) continue;
    let r = el.getBoundingClientRect();
    const label = el.closest("label");
    if ((el.type === "checkbox" || el.type === "radio") && label) {
      const lr = label.getBoundingClientRect();
      if (lr.width >= r.width && lr.height >= r.height) r = lr;
    }
    if (el.tagName === "A" && el.parentElement && /^(P|LI|TD|SPAN)$/.test(el.parentElement.tagName) &&
        el.parentElement.textContent.trim().length > el.textContent.trim().length) continue;
    if (r.width < 23.5 || r.height < 23.5)
      problems.push(`target under 24×24 px (${Math.round(r.width)}×${Math.round(r.height)}): ${name(el)}`);
  }

  // 3. control text that is cut off
  for (const el of document.querySelectorAll("button, label, .widget-label, .jupyter-button, summary, select")) {
    if (!visible(el) || hiddenByAncestor(el)) continue;
    if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== "visible")
      problems.push(`text cut off (${el.scrollWidth} > ${el.clientWidth} px): ${name(el)}`);
    else if (el.tagName === "SELECT" && el.options.length && el.selectedIndex < 0)
      problems.push(`dropdown shows nothing chosen: ${name(el)}`);
    else if (el.tagName === "SELECT" && el.selectedOptions.length) {
      // a closed dropdown shows its chosen option: it must fit
      const c = document.createElement("canvas").getContext("2d");
      const s = getComputedStyle(el);
      c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const need = c.measureText(el.selectedOptions[0].text).width +
                   parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) + 20;
      if (need > el.clientWidth + 2)
        problems.push(`dropdown text cut off (${Math.round(need)} > ${el.clientWidth} px): ${name(el)}`);
    }
  }

  // 4. sideways scrolling
  const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (sw > window.innerWidth + 1)
    problems.push(`scrolls sideways: ${sw} px wide in a ${window.innerWidth} px window`);
  const cells = document.getElementById("rendered_cells");  // Voila's page scroller
  if (cells && cells.scrollWidth > cells.clientWidth + 1)
    problems.push(`page content scrolls sideways: ${cells.scrollWidth} px in ${cells.clientWidth} px`);
  return problems;
}
"""


def layout_problems(page) -> list[str]:
    """What a person would see wrong on the page as it is drawn now."""
    return page.evaluate(_CHECK, page.viewport_size["width"] <= PHONE)


def look(
    page, name: str, widths: tuple[int, ...] = WIDTHS, height: int = 900
) -> dict[int, list[str]]:
    """Check ``page`` at each width (the page reflows, it is not reloaded) and save a
    full-page screenshot of each; return the problems found per width (only widths with
    problems)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    found: dict[int, list[str]] = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        problems = layout_problems(page)
        # the page scrolls inside Voila's own box: make the window as tall as the content
        # so the screenshot shows all of it
        tall = page.evaluate(
            "() => Math.max(document.documentElement.scrollHeight,"
            " (document.getElementById('rendered_cells') || {}).scrollHeight || 0)"
        )
        page.set_viewport_size({"width": width, "height": min(max(tall, height), 12000)})
        page.screenshot(path=str(ARTEFACTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": width, "height": height})
        if problems:
            found[width] = problems
    return found


def serious_axe_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page (colour contrast included)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "" for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
