"""A visible connection status: the kernel beats every few seconds; the page says so when
the beats stop (network dropped, server stopped) instead of freezing silently."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import anywidget
import traitlets

BEAT_SECONDS = 2.0
GIVE_UP_SECONDS = 300.0

_ESM = """
const PREFIX = "mskit-person:";
function render({ model, el }) {
  el.classList.add("mskit-connection");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "assertive");
  let last = Date.now();
  let shown = "";
  let probing = null;
  const text = document.createElement("span");
  const reload = document.createElement("button");
  reload.textContent = "Reload the page";
  reload.className = "mskit-reload";
  reload.type = "button";
  reload.addEventListener("click", () => window.location.reload());
  reload.hidden = true;
  el.append(text, reload);

  // What this browser keeps for the page: a personal code and its secret, per session.
  const stored = {};
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (k && k.startsWith(PREFIX)) stored[k] = JSON.parse(window.localStorage.getItem(k));
    }
  } catch (e) {}
  model.set("stored", stored);
  model.save_changes();
  model.on("msg:custom", (msg) => {
    try {
      if (msg.remember) window.localStorage.setItem(msg.remember.key, JSON.stringify(msg.remember.value));
      if (msg.forget) window.localStorage.removeItem(msg.forget);
    } catch (e) {}
  });

  // A typed join keeps its code in the address, so a reload stays joined.
  function showCode() {
    const code = model.get("join_code");
    if (!code) return;
    const url = new URL(window.location.href);
    if (url.searchParams.get("code") === code) return;
    url.searchParams.set("code", code);
    window.history.replaceState(window.history.state, "", url.toString());
  }
  model.on("change:join_code", showCode);
  showCode();

  // When the server answers again after the beats stopped (a restart, a culled kernel,
  // a phone that slept), reload: every answer is in the store and comes back.
  function probe() {
    fetch(window.location.pathname + "mskit-alive", { method: "HEAD", cache: "no-store" })
      .then(() => window.location.reload())
      .catch(() => {});
  }
  function update() {
    const gap = Date.now() - last;
    let state = "ok";
    if (gap > 20000) state = "lost";
    else if (gap > 6000) state = "trying";
    if (state === "lost" && model.get("auto_reload") && !probing) probing = setInterval(probe, 3000);
    if (state !== "lost" && probing) { clearInterval(probing); probing = null; }
    if (state === shown) return;
    shown = state;
    el.dataset.state = state;
    el.classList.toggle("mskit-offline", state !== "ok");
    reload.hidden = state !== "lost";
    if (state === "ok") text.textContent = "Connected";
    else if (state === "trying") text.textContent =
      "Connection lost: trying to reconnect. Changes you make now may not be saved yet.";
    else text.textContent =
      "Connection lost. Everything saved is safe: this page reloads by itself when the " +
      "kit answers again, or reload it now.";
  }
  model.on("change:beat", () => { last = Date.now(); update(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) update(); });
  update();
  const timer = setInterval(update, 1000);
  const alive = setInterval(() => model.send({ alive: true }), 2000);
  model.send({ alive: true });
  return () => { clearInterval(timer); clearInterval(alive); if (probing) clearInterval(probing); };
}
export default { render };
"""

_CSS = """
.mskit-connection { font-size: 0.9em; color: #1b5e20; }
.mskit-connection.mskit-offline { display: block; padding: 0.6em; background: #fff3cd;
  color: #3d2c00; border: 2px solid #8a6d00; font-size: 1.1em; font-weight: bold; }
.mskit-connection .mskit-reload { margin-left: 1em; font-size: 1em; }
"""


class ConnectionStatus(anywidget.AnyWidget):
    """Shows 'Connected', or a clear warning when the kernel's beats stop arriving."""

    _esm = _ESM
    _css = _CSS
    beat = traitlets.Int(0).tag(sync=True)
    join_code = traitlets.Unicode("").tag(sync=True)
    auto_reload = traitlets.Bool(True).tag(sync=True)
    stored = traitlets.Dict().tag(sync=True)
    """What the browser keeps for this page (personal codes by session), sent on opening."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.last_seen = time.monotonic()
        self.on_msg(self._on_msg)

    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("alive"):
            self.last_seen = time.monotonic()

    def remember(self, key: str, value: dict) -> None:
        """Keep ``value`` in this browser under ``key`` (a ``mskit-person:`` key)."""
        self.stored = {**self.stored, key: value}
        self.send({"remember": {"key": key, "value": value}})

    def forget(self, key: str) -> None:
        """Drop what this browser keeps under ``key`` (the next person starts clean)."""
        self.stored = {k: v for k, v in self.stored.items() if k != key}
        self.send({"forget": key})

    def tick(self) -> None:
        """Called by the page's loop every ``BEAT_SECONDS``."""
        self.beat += 1

    def abandoned(self, after_seconds: float = GIVE_UP_SECONDS) -> bool:
        """True when no browser has answered for ``after_seconds``: the page was closed, so
        the loop stops and the idle kernel can be culled."""
        return time.monotonic() - self.last_seen > after_seconds


def start_live(
    connection: ConnectionStatus,
    step: Callable[[], None],
    on_error: Callable[[str], None],
    poll_seconds: float,
) -> asyncio.Task:
    """Run ``step`` every ``poll_seconds`` and beat ``connection``, until no browser has
    answered for a while (then the idle kernel can be culled). Errors are reported through
    ``on_error`` and never stop the loop."""

    async def loop() -> None:
        clock = asyncio.get_event_loop()
        last_beat = 0.0
        while not connection.abandoned():
            if clock.time() - last_beat >= BEAT_SECONDS:
                connection.tick()
                last_beat = clock.time()
            try:
                step()
            except Exception as exc:  # keep the page alive whatever happens
                on_error(f"Could not refresh ({type(exc).__name__}: {exc}); retrying…")
            await asyncio.sleep(poll_seconds)

    return asyncio.get_event_loop().create_task(loop())
