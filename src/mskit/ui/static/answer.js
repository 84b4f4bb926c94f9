// One question's controls on a phone-first page: large rows that wrap, labels above
// controls, a visible save state, and typed text that survives a reload.
//
// The kernel sends `spec` (the public view of the question: never an answer key),
// `value` (the answer as stored), `saved` (what the store holds), `error`, `disabled`,
// `revision` (the stored revision the value is based on), `ready` (the stored answer has
// been loaded) and `draft_key` (where typed text is kept in this browser until saved).
// The page sets `value` when the person changes the answer.

const PASS = "__pass__";
const DEBOUNCE_MS = 800;
let counter = 0;

function canon(v) {
  if (v === undefined || v === null) return "null";
  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
  if (typeof v === "object") {
    return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function choiceRow(type, name, id, text, extraClass) {
  const input = h("input", { type, name, value: String(id), id: `${name}-${counter++}` });
  const label = h(
    "label",
    { class: "mskit-choice" + (extraClass ? " " + extraClass : ""), for: input.id, "data-choice": String(id) },
    input,
    h("span", { class: "mskit-choice-text", text })
  );
  return { input, label };
}

function readDraft(key) {
  if (!key) return null;
  try {
    const d = JSON.parse(window.localStorage.getItem(key) || "null");
    return d && typeof d.v === "string" ? d : null;
  } catch (e) {
    return null;
  }
}

function writeDraft(key, text, base) {
  if (!key) return;
  try {
    window.localStorage.setItem(key, JSON.stringify({ v: text, base, t: Date.now() }));
  } catch (e) {
    /* private mode or full: the kernel still saves */
  }
}

function dropDraft(key) {
  if (!key) return;
  try {
    window.localStorage.removeItem(key);
  } catch (e) {}
}

function render({ model, el }) {
  const spec = model.get("spec");
  const uid = `mskit-q-${spec.id}-${counter++}`.replace(/[^A-Za-z0-9_-]/g, "-");
  el.classList.add("mskit-answer", `mskit-answer-${spec.kind}`);
  const status = h("p", { class: "mskit-qstatus", role: "status", "aria-live": "polite" });
  const group = h("fieldset", { class: "mskit-fieldset" });
  const legend = h("legend", { class: "mskit-prompt", id: `${uid}-prompt`, text: spec.prompt });
  let local = model.get("value");
  let inputs = [];
  let sync = () => {};
  let refuse = "";

  function send(v) {
    local = v;
    model.set("value", v);
    model.save_changes();
    showStatus();
  }

  function showStatus() {
    const err = refuse || model.get("error");
    status.classList.toggle("mskit-qstatus-error", Boolean(err));
    if (err) status.textContent = err;
    else if (canon(local) === canon(model.get("saved"))) {
      status.textContent = local === null || local === undefined ? "" : "Saved";
    } else status.textContent = "Saving…";
    el.dataset.saved = err ? "error" : canon(local) === canon(model.get("saved")) ? "yes" : "no";
  }

  function setDisabled() {
    const off = model.get("disabled");
    for (const i of inputs) i.disabled = off;
    el.classList.toggle("mskit-answer-disabled", off);
  }

  const kind = spec.kind;
  if (kind === "single" || kind === "multi") {
    const type = kind === "single" ? "radio" : "checkbox";
    const list = h("div", { class: "mskit-choices" });
    const rows = [];
    const choices = [...spec.choices];
    if (spec.allow_pass) choices.push({ id: PASS, text: spec.pass_label });
    for (const c of choices) {
      const r = choiceRow(type, uid, c.id, c.text, c.id === PASS ? "mskit-choice-pass" : "");
      r.id = c.id;
      rows.push(r);
      list.append(r.label);
    }
    inputs = rows.map((r) => r.input);
    const idOf = (r) => r.id;
    sync = () => {
      const v = local;
      for (const r of rows) {
        r.input.checked = kind === "single" ? v === r.id : Array.isArray(v) && v.includes(r.id);
      }
    };
    for (const r of rows) {
      r.input.addEventListener("change", () => {
        if (kind === "single") {
          send(r.id);
          return;
        }
        if (r.id === PASS && r.input.checked) for (const o of rows) if (o.id !== PASS) o.input.checked = false;
        if (r.id !== PASS && r.input.checked) for (const o of rows) if (o.id === PASS) o.input.checked = false;
        const picked = rows.filter((o) => o.input.checked).map(idOf);
        send(picked.includes(PASS) ? [PASS] : picked.length ? picked : null);
      });
    }
    group.append(legend, list);
  } else if (kind === "plan") {
    const max = spec.max_picks;
    const hint = h("p", {
      class: "mskit-hint",
      id: `${uid}-hint`,
      text: `Tick the steps you would take, up to ${max}. They are numbered in the order you tick them; move them up or down below.`,
    });
    const list = h("div", { class: "mskit-choices" });
    const rows = spec.choices.map((c) => {
      const r = choiceRow("checkbox", uid, c.id, c.text, "mskit-choice-step");
      r.id = c.id;
      r.badge = h("span", { class: "mskit-step-badge", "aria-hidden": "true" });
      r.label.insertBefore(r.badge, r.label.lastChild);
      list.append(r.label);
      return r;
    });
    const orderHead = h("h4", { class: "mskit-plan-head", text: "Your plan, in order" });
    const order = h("ol", { class: "mskit-plan" });
    const empty = h("p", { class: "mskit-hint", text: "No steps yet." });
    inputs = rows.map((r) => r.input);
    const textOf = Object.fromEntries(spec.choices.map((c) => [c.id, c.text]));
    let moveButtons = [];
    sync = () => {
      const v = Array.isArray(local) ? local : [];
      for (const r of rows) {
        const at = v.indexOf(r.id);
        r.input.checked = at >= 0;
        r.badge.textContent = at >= 0 ? String(at + 1) : "";
        r.label.classList.toggle("mskit-picked", at >= 0);
      }
      order.replaceChildren();
      moveButtons = [];
      v.forEach((id, i) => {
        const up = h("button", { type: "button", class: "mskit-move", "aria-label": `Move step ${i + 1} up`, text: "↑" });
        const down = h("button", { type: "button", class: "mskit-move", "aria-label": `Move step ${i + 1} down`, text: "↓" });
        up.disabled = i === 0 || model.get("disabled");
        down.disabled = i === v.length - 1 || model.get("disabled");
        const move = (d) => {
          const next = [...v];
          [next[i], next[i + d]] = [next[i + d], next[i]];
          send(next);
          sync();
          (d < 0 ? order.children[i - 1] : order.children[i + 1])?.querySelector(d < 0 ? ".mskit-move" : ".mskit-move:last-child")?.focus();
        };
        up.addEventListener("click", () => move(-1));
        down.addEventListener("click", () => move(1));
        moveButtons.push(up, down);
        order.append(h("li", {}, h("span", { class: "mskit-plan-text", text: textOf[id] || id }), h("span", { class: "mskit-plan-moves" }, up, down)));
      });
      empty.hidden = v.length > 0;
    };
    for (const r of rows) {
      r.input.addEventListener("change", () => {
        const v = Array.isArray(local) ? [...local] : [];
        refuse = "";
        if (r.input.checked) {
          if (v.length >= max) {
            r.input.checked = false;
            refuse = `You can pick up to ${max} steps: untick one to add another.`;
            showStatus();
            return;
          }
          v.push(r.id);
        } else v.splice(v.indexOf(r.id), 1);
        send(v.length ? v : null);
        sync();
      });
    }
    group.setAttribute("aria-describedby", `${uid}-hint`);
    group.append(legend, hint, list, orderHead, order, empty);
  } else if (kind === "match" || kind === "sort") {
    const isMatch = kind === "match";
    const hint = h("p", {
      class: "mskit-hint",
      text: isMatch ? "For each one, tick every answer that fits." : "For each one, choose where it belongs.",
    });
    group.append(legend, hint);
    const options = isMatch ? spec.targets : [...spec.categories];
    if (!isMatch && spec.allow_pass) options.push({ id: PASS, text: spec.pass_label });
    const cells = {};
    spec.items.forEach((item, n) => {
      const name = `${uid}-${n}`;
      const sub = h("fieldset", { class: "mskit-subitem" }, h("legend", { class: "mskit-item", text: item.text }));
      const list = h("div", { class: "mskit-choices" });
      cells[item.id] = options.map((o) => {
        const r = choiceRow(isMatch ? "checkbox" : "radio", name, o.id, o.text, o.id === PASS ? "mskit-choice-pass" : "");
        r.id = o.id;
        list.append(r.label);
        inputs.push(r.input);
        r.input.addEventListener("change", () => {
          const out = {};
          for (const it of spec.items) {
            const picked = cells[it.id].filter((c) => c.input.checked).map((c) => c.id);
            if (!picked.length) continue;
            out[it.id] = isMatch ? picked : picked[0];
          }
          send(Object.keys(out).length ? out : null);
        });
        return r;
      });
      sub.append(list);
      group.append(sub);
    });
    sync = () => {
      const v = local && typeof local === "object" && !Array.isArray(local) ? local : {};
      for (const it of spec.items) {
        for (const c of cells[it.id]) {
          const got = v[it.id];
          c.input.checked = isMatch ? Array.isArray(got) && got.includes(c.id) : got === c.id;
        }
      }
    };
  } else if (kind === "text") {
    const limit = spec.max_chars;
    const label = h("label", { class: "mskit-prompt", for: `${uid}-text`, text: spec.prompt });
    const area = h("textarea", {
      id: `${uid}-text`,
      class: "mskit-textarea",
      rows: 5,
      "aria-describedby": `${uid}-hint ${uid}-count`,
    });
    const hint = h("p", { class: "mskit-hint", id: `${uid}-hint`, text: "Do not write real names or case details." });
    const count = h("p", { class: "mskit-count", id: `${uid}-count`, "aria-live": "polite" });
    inputs = [area];
    let timer = null;
    const key = () => model.get("draft_key");
    const showCount = () => {
      const n = area.value.length;
      count.textContent = `${n.toLocaleString("en-GB")} of ${limit.toLocaleString("en-GB")} characters`;
      count.classList.toggle("mskit-count-over", n > limit);
    };
    const flush = () => {
      clearTimeout(timer);
      timer = null;
      const text = area.value;
      if (text.length > limit) {
        refuse = `Not saved: this is ${(text.length - limit).toLocaleString("en-GB")} characters too long. Shorten it to ${limit.toLocaleString("en-GB")} or fewer to save it.`;
        showStatus();
        return;
      }
      refuse = "";
      const v = text.trim() ? text : null;
      if (canon(v) !== canon(local)) send(v);
      else showStatus();
    };
    area.addEventListener("input", () => {
      writeDraft(key(), area.value, model.get("revision"));
      showCount();
      status.textContent = "Saving…";
      el.dataset.saved = "no";
      clearTimeout(timer);
      timer = setTimeout(flush, DEBOUNCE_MS);
    });
    area.addEventListener("blur", flush);
    window.addEventListener("pagehide", flush);
    sync = () => {
      if (document.activeElement === area && timer) return; // typing: keep what is typed
      const v = typeof local === "string" ? local : "";
      if (area.value !== v) area.value = v;
      showCount();
    };
    const adoptDraft = () => {
      const d = readDraft(key());
      if (!d) return;
      const stored = typeof model.get("saved") === "string" ? model.get("saved") : "";
      if (d.v === stored || (d.v === "" && stored === "")) {
        dropDraft(key());
        return;
      }
      // Only restore text typed on top of the answer still stored (nobody changed it since).
      if (d.base !== model.get("revision")) {
        dropDraft(key());
        return;
      }
      area.value = d.v;
      showCount();
      flush();
    };
    model.on("change:ready", () => model.get("ready") && adoptDraft());
    model.on("change:saved", () => {
      if (canon(model.get("saved")) === canon(area.value.trim() ? area.value : null)) dropDraft(key());
    });
    if (model.get("ready")) setTimeout(adoptDraft, 0);
    group.append(label, hint, area, count);
    group.classList.add("mskit-fieldset-text");
  }

  model.on("change:value", () => {
    const v = model.get("value");
    if (canon(v) === canon(local)) return;
    local = v;
    sync();
    showStatus();
  });
  model.on("change:saved", showStatus);
  model.on("change:error", showStatus);
  model.on("change:disabled", () => {
    setDisabled();
    sync();
  });
  sync();
  setDisabled();
  showStatus();
  el.append(group, status);
}

export default { render };
