/* mskit e-learning: the learner's way through the course.
 *
 * Screens are sections of index.html (start, each activity's intro and its stages or
 * questions, finish); one is shown at a time. Answers are scored in the browser by
 * scoring.js. Progress is kept by the LMS (SCORM 1.2: cmi.suspend_data) when the page runs
 * inside one, else in the browser's local storage. The page makes no network request.
 */
(function () {
  "use strict";

  var PASS = MskitScoring.PASS;
  var DATA = JSON.parse(document.getElementById("course-data").textContent);
  var SUSPEND_MAX = 4096;
  var screens = Array.prototype.slice.call(document.querySelectorAll("section.screen"));
  var questionsByKey = {};
  var order = [];
  DATA.parts.forEach(function (part) {
    part.screens.forEach(function (s) {
      s.questions.forEach(function (q) {
        q.part = part;
        questionsByKey[q.key] = q;
        order.push(q.key);
      });
    });
  });

  // --- progress: encoded compactly for cmi.suspend_data ---------------------------------
  // "1~<fingerprint>~<screen>~<done>~<one token per question>": a token is empty (not yet),
  // "p" passed, "u" unanswered, "n" free text answered (not marked), "r<n>" a rating, or
  // the points scored.

  var state = { pos: 0, done: false, results: {} };

  function token(r) {
    if (!r) return "";
    if (r.status === "passed") return "p";
    if (r.status === "unanswered") return "u";
    if (r.status === "needs_marking") return "n";
    if (r.status === "unscored") return r.value === null || r.value === undefined ? "u" : "r" + r.value;
    return String(r.points);
  }

  function fromToken(t, q) {
    if (!t) return null;
    if (t === "p") return { status: "passed", points: 0 };
    if (t === "u") return { status: "unanswered", points: 0 };
    if (t === "n") return { status: "needs_marking", points: 0 };
    if (t[0] === "r") return { status: "unscored", points: 0, value: Number(t.slice(1)) };
    var pts = Number(t);
    if (!isFinite(pts)) return null;
    return { status: "scored", points: Math.min(Math.max(pts, 0), q.max) };
  }

  function encode(digits) {
    var tokens = order.map(function (k) {
      var r = state.results[k];
      if (digits !== undefined && r && r.status === "scored") {
        return String(Number(r.points.toFixed(digits)));
      }
      return token(r);
    });
    return ["1", DATA.fingerprint, state.pos, state.done ? 1 : 0, tokens.join(",")].join("~");
  }

  function encodeCompact() {
    var text = encode();
    for (var digits = 4; text.length > SUSPEND_MAX && digits >= 0; digits--) text = encode(digits);
    return text;
  }

  function decode(text) {
    var bits = (text || "").split("~");
    if (bits.length !== 5 || bits[0] !== "1" || bits[1] !== DATA.fingerprint) return false;
    var tokens = bits[4].split(",");
    if (tokens.length !== order.length) return false;
    var pos = parseInt(bits[2], 10);
    if (!(pos >= 0 && pos < screens.length)) return false;
    state.pos = pos;
    state.done = bits[3] === "1";
    state.results = {};
    order.forEach(function (k, n) {
      var r = fromToken(tokens[n], questionsByKey[k]);
      if (r) state.results[k] = r;
    });
    return true;
  }

  // --- where progress is kept: the LMS, or this browser ---------------------------------

  function findAPI(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null; // another origin: stop looking
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function scormTime(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor((s % 3600) / 60)) + ":" + pad(s % 60);
  }

  var started = Date.now();

  function LmsStore(api) {
    this.api = api;
    this.open = false;
  }
  LmsStore.prototype = {
    kind: "lms",
    start: function () {
      var api = this.api;
      this.open = String(api.LMSInitialize("")) === "true";
      if (!this.open) return null;
      var status = String(api.LMSGetValue("cmi.core.lesson_status") || "");
      if (!status || status === "not attempted") {
        api.LMSSetValue("cmi.core.lesson_status", "incomplete");
        api.LMSCommit("");
      }
      var entry = String(api.LMSGetValue("cmi.core.entry") || "");
      var saved = String(api.LMSGetValue("cmi.suspend_data") || "");
      return entry === "resume" || saved ? saved : null;
    },
    save: function () {
      if (!this.open) return;
      var api = this.api;
      api.LMSSetValue("cmi.suspend_data", encodeCompact());
      api.LMSSetValue("cmi.core.lesson_location", String(state.pos));
      api.LMSSetValue("cmi.core.exit", state.done ? "" : "suspend");
      api.LMSCommit("");
    },
    finish: function (result) {
      if (!this.open) return;
      var api = this.api;
      if (result.max > 0) {
        api.LMSSetValue("cmi.core.score.min", "0");
        api.LMSSetValue("cmi.core.score.max", "100");
        api.LMSSetValue("cmi.core.score.raw", String(result.percent));
      }
      api.LMSSetValue("cmi.core.lesson_status", result.status);
      result.checks.forEach(function (c, n) {
        api.LMSSetValue("cmi.objectives." + n + ".id", c.id);
        if (c.percent !== null) {
          api.LMSSetValue("cmi.objectives." + n + ".score.min", "0");
          api.LMSSetValue("cmi.objectives." + n + ".score.max", "100");
          api.LMSSetValue("cmi.objectives." + n + ".score.raw", String(c.percent));
        }
        api.LMSSetValue("cmi.objectives." + n + ".status", "completed");
      });
      this.save();
      this.close();
    },
    close: function () {
      if (!this.open) return;
      this.api.LMSSetValue("cmi.core.session_time", scormTime(Date.now() - started));
      this.api.LMSCommit("");
      this.api.LMSFinish("");
      this.open = false;
    },
  };

  function LocalStore() {
    this.key = "mskit-elearning:" + DATA.fingerprint;
  }
  LocalStore.prototype = {
    kind: "local",
    start: function () {
      try {
        return window.localStorage.getItem(this.key);
      } catch (e) {
        return null;
      }
    },
    save: function () {
      try {
        window.localStorage.setItem(this.key, encode());
      } catch (e) {
        /* private browsing or storage full: the course still runs */
      }
    },
    finish: function () {
      this.save();
    },
    close: function () {},
  };

  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  var store = api ? new LmsStore(api) : new LocalStore();

  // --- answers from the page ------------------------------------------------------------

  function checked(box, selector) {
    return Array.prototype.slice
      .call(box.querySelectorAll(selector))
      .filter(function (i) {
        return i.checked;
      })
      .map(function (i) {
        return i.value;
      });
  }

  function passChosen(box) {
    var p = box.querySelector("input[data-pass]");
    return p !== null && p.checked;
  }

  function answerOf(box) {
    var type = box.getAttribute("data-type");
    if (type === "single_choice" || type === "classification") {
      var one = checked(box, "input[type=radio]");
      return one.length ? one[0] : null;
    }
    if (type === "rating") {
      var r = checked(box, "input[type=radio]");
      return r.length ? Number(r[0]) : null;
    }
    if (type === "multiple_choice" || type === "indicator_spotting") {
      return passChosen(box) ? [PASS] : checked(box, "input[type=checkbox]:not([data-pass])");
    }
    if (type === "action_plan") {
      if (passChosen(box)) return [PASS];
      var steps = [];
      box.querySelectorAll("select[data-action-id]").forEach(function (sel, n) {
        if (sel.value) steps.push([Number(sel.value), n, sel.getAttribute("data-action-id")]);
      });
      steps.sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1];
      });
      return steps.map(function (s) {
        return s[2];
      });
    }
    if (type === "match") {
      if (passChosen(box)) return [PASS];
      var out = {};
      box.querySelectorAll("fieldset[data-item]").forEach(function (fs) {
        var picks = checked(fs, "input[type=checkbox]");
        if (picks.length) out[fs.getAttribute("data-item")] = picks;
      });
      return out;
    }
    if (type === "sort") {
      var sorted = {};
      box.querySelectorAll("select[data-item]").forEach(function (sel) {
        if (sel.value) sorted[sel.getAttribute("data-item")] = sel.value;
      });
      return sorted;
    }
    var ta = box.querySelector("textarea");
    return ta ? ta.value : null;
  }

  function isBlank(a) {
    if (a === null || a === undefined) return true;
    if (typeof a === "number") return false;
    if (typeof a === "string") return !a.trim();
    if (Array.isArray(a)) return a.length === 0;
    return Object.keys(a).length === 0;
  }

  // A "not sure" box clears the other picks, and a pick clears "not sure".
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    var box = el.closest && el.closest(".question");
    if (!box || !el.checked || el.type !== "checkbox") return;
    if (el.hasAttribute("data-pass")) {
      box.querySelectorAll("input[type=checkbox]:not([data-pass])").forEach(function (i) {
        i.checked = false;
      });
      box.querySelectorAll("select").forEach(function (s) {
        s.value = "";
      });
    } else {
      var p = box.querySelector("input[data-pass]");
      if (p) p.checked = false;
    }
  });

  // --- feedback -------------------------------------------------------------------------

  function showFeedback(box, s) {
    var fb = box.querySelector(".feedback");
    var text = fb.querySelector(".feedback-text");
    text.textContent = "";
    var lines = s.feedback.split("\n");
    if (s.status === "needs_marking") {
      lines[0] = "Not marked: compare your answer with the model answer below. This question does not count towards your score.";
    }
    var list = null;
    lines.forEach(function (line, n) {
      if (/^Sources: /.test(line)) return;
      var el;
      if (n === 0) {
        el = document.createElement("p");
        el.className = "mark";
        el.textContent = line;
      } else if (/^(Why|Note|Model answer|Marking guide): /.test(line)) {
        list = null;
        el = document.createElement("p");
        var label = document.createElement("strong");
        var cut = line.indexOf(": ");
        label.textContent = line.slice(0, cut + 1) + " ";
        el.appendChild(label);
        el.appendChild(document.createTextNode(line.slice(cut + 2)));
      } else {
        if (!list) {
          list = document.createElement("ul");
          text.appendChild(list);
        }
        var li = document.createElement("li");
        li.textContent = line;
        list.appendChild(li);
        return;
      }
      text.appendChild(el);
    });
    fb.hidden = false;
  }

  function lock(section, locked) {
    section.querySelectorAll(".question input, .question select, .question textarea").forEach(function (el) {
      el.disabled = locked;
    });
  }

  // --- moving through the screens -------------------------------------------------------

  function questionScreens() {
    return screens.filter(function (s) {
      return s.getAttribute("data-kind") === "questions";
    });
  }

  function lastQuestionScreen(section) {
    var qs = questionScreens();
    return qs[qs.length - 1] === section;
  }

  function show(pos, focus) {
    state.pos = pos;
    screens.forEach(function (s, n) {
      s.hidden = n !== pos;
    });
    var section = screens[pos];
    var kind = section.getAttribute("data-kind");
    if (kind === "questions") {
      lock(section, false);
      section.querySelectorAll(".feedback, .notice").forEach(function (el) {
        el.hidden = true;
      });
      section.removeAttribute("data-asked");
      var go = function (name) {
        return section.querySelector("[data-go=" + name + "]");
      };
      if (go("check")) {
        go("check").hidden = false;
        go("next").hidden = true;
        go("finish").hidden = true;
      }
    }
    if (kind === "finish") summarise();
    var qs = questionScreens();
    var n = qs.indexOf(section);
    document.getElementById("progress").textContent =
      n >= 0 ? "Step " + (n + 1) + " of " + qs.length : kind === "finish" ? "Finished" : "";
    if (focus !== false) {
      var h = section.querySelector("h1");
      if (h) h.focus();
      window.scrollTo(0, 0);
    }
  }

  function scoreScreen(section) {
    var out = [];
    section.querySelectorAll(".question").forEach(function (box) {
      var q = questionsByKey[box.getAttribute("data-key")];
      var answer = answerOf(box);
      var s = MskitScoring.score(q.scoring, answer, DATA.catalogue);
      state.results[q.key] = {
        status: s.status,
        points: s.points,
        value: q.scoring.type === "rating" && s.status === "unscored" ? s.breakdown[0].answer : null,
      };
      out.push([box, s]);
    });
    return out;
  }

  function askedOnce(section) {
    var blank = [];
    section.querySelectorAll(".question").forEach(function (box) {
      if (isBlank(answerOf(box))) blank.push(box);
    });
    if (!blank.length || section.getAttribute("data-asked")) return false;
    section.setAttribute("data-asked", "1");
    blank.forEach(function (box) {
      var n = box.querySelector(".notice");
      n.textContent =
        "You have not answered this yet. Answer it (or choose \u201cNot sure\u201d where it is offered), or press the button again to go on without an answer.";
      n.hidden = false;
    });
    var first = blank[0].querySelector("input, select, textarea");
    if (first) first.focus();
    return true;
  }

  function check(section) {
    if (askedOnce(section)) return;
    var scored = scoreScreen(section);
    section.querySelectorAll(".notice").forEach(function (n) {
      n.hidden = true;
    });
    scored.forEach(function (pair) {
      showFeedback(pair[0], pair[1]);
    });
    lock(section, true);
    var last = lastQuestionScreen(section);
    section.querySelector("[data-go=check]").hidden = true;
    var next = section.querySelector(last ? "[data-go=finish]" : "[data-go=next]");
    next.hidden = false;
    state.pos = Math.min(screens.indexOf(section) + 1, screens.length - 1);
    if (last) state.pos = screens.length - 2; // come back to this screen's Finish
    store.save();
    var fb = section.querySelector(".feedback");
    if (fb) fb.focus();
  }

  function record(section) {
    if (askedOnce(section)) return;
    scoreScreen(section);
    next(section);
  }

  function next(section) {
    show(screens.indexOf(section) + 1);
    store.save();
  }

  // --- the result -----------------------------------------------------------------------

  function tally(filter) {
    var points = 0;
    var max = 0;
    order.forEach(function (k) {
      var q = questionsByKey[k];
      if (!q.counted || !filter(q)) return;
      max += q.max;
      var r = state.results[k];
      if (r) points += r.points;
    });
    return { points: points, max: max, percent: max > 0 ? Math.round((100 * points) / max) : null };
  }

  function result() {
    var main = tally(function (q) {
      return q.part.phase !== "before";
    });
    var status = main.max > 0 ? (main.percent >= DATA.mastery ? "passed" : "failed") : "completed";
    var checks = DATA.parts
      .filter(function (p) {
        return p.phase;
      })
      .map(function (p) {
        var t = tally(function (q) {
          return q.part === p;
        });
        return { id: p.id + "-" + p.phase, phase: p.phase, percent: t.percent };
      });
    return { points: main.points, max: main.max, percent: main.percent, status: status, checks: checks };
  }

  function summarise() {
    var r = result();
    var el = document.getElementById("result");
    el.textContent = "";
    var p = document.createElement("p");
    p.className = "score";
    if (r.max > 0) {
      p.textContent =
        "Your score: " + r.percent + "% (" + MskitScoring.fmt(r.points) + " of " + MskitScoring.fmt(r.max) + " marks). " +
        (r.status === "passed" ? "You passed (" + DATA.mastery + "% needed)." : "You need " + DATA.mastery + "% to pass; you can go through the course again.");
    } else {
      p.textContent = "You have completed the course.";
    }
    el.appendChild(p);
    var before = r.checks.filter(function (c) {
      return c.phase === "before";
    })[0];
    var after = r.checks.filter(function (c) {
      return c.phase === "after";
    })[0];
    document.getElementById("before-after").textContent =
      before && after && before.percent !== null && after.percent !== null
        ? "Knowledge check: " + before.percent + "% at the start, " + after.percent + "% at the end."
        : "There was no knowledge check in this course.";
    var revisit = document.getElementById("revisit");
    revisit.textContent = "";
    var byPart = {};
    order.forEach(function (k) {
      var q = questionsByKey[k];
      if (!q.counted || q.part.phase === "before") return;
      var res = state.results[k];
      if (res && res.points >= q.max - 1e-9) return;
      var box = document.querySelector('.question[data-key="' + k + '"] .prompt');
      var title = q.part.title;
      (byPart[title] = byPart[title] || []).push(box ? box.firstChild.textContent.trim() : k);
    });
    var titles = Object.keys(byPart);
    if (!titles.length) {
      revisit.textContent = "Nothing: you had full marks on every question.";
    } else {
      var ul = document.createElement("ul");
      titles.forEach(function (t) {
        var li = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = t;
        li.appendChild(strong);
        var inner = document.createElement("ul");
        byPart[t].forEach(function (prompt) {
          var qi = document.createElement("li");
          qi.textContent = prompt;
          inner.appendChild(qi);
        });
        li.appendChild(inner);
        ul.appendChild(li);
      });
      revisit.appendChild(ul);
    }
    document.getElementById("cert-score").textContent =
      r.max > 0 ? "Score " + r.percent + "%" + (r.status === "passed" ? ", passed" : "") : "";
    document.getElementById("cert-date").textContent = new Date().toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return r;
  }

  function finish() {
    var r = result();
    state.done = true;
    show(screens.length - 1);
    store.finish(r);
  }

  // --- wiring ---------------------------------------------------------------------------

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest("button[data-go]");
    if (!btn) return;
    var section = btn.closest("section.screen");
    var go = btn.getAttribute("data-go");
    if (go === "start" || go === "next") next(section);
    else if (go === "check") check(section);
    else if (go === "record") record(section);
    else if (go === "finish") finish();
  });

  var certName = document.getElementById("cert-name");
  certName.addEventListener("input", function () {
    document.getElementById("cert-name-out").textContent = certName.value || "\u00a0";
  });
  document.getElementById("print-cert").addEventListener("click", function () {
    window.print();
  });

  function leave() {
    if (store.kind === "lms" && store.open) {
      store.save();
      store.close();
    } else {
      store.save();
    }
  }
  window.addEventListener("pagehide", leave);
  window.addEventListener("beforeunload", leave);

  var saved = store.start();
  if (saved && decode(saved)) {
    if (state.done) state.pos = screens.length - 1;
  } else {
    state = { pos: 0, done: false, results: {} };
  }
  document.documentElement.setAttribute("data-store", store.kind);
  show(state.pos, state.pos !== 0);
  store.save();
  window.mskitCourse = {
    state: function () {
      return JSON.parse(JSON.stringify(state));
    },
    encode: encodeCompact,
    result: result,
  };
})();
