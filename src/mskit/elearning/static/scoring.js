/* mskit e-learning: the kit's scorers (src/mskit/scoring) ported to JavaScript.
 *
 * score(question, answer, catalogue) returns the same mark and the same feedback as the
 * Python scorers: {id, type, points, max, status, breakdown: [{id, points, feedback}],
 * feedback, sources}. `question` is a question model as JSON (model_dump), `answer` a JSON
 * value shaped as ANSWER_FORMATS, `catalogue` {indicators: {id: text}, actions: {id:
 * {text, why}}}. Numbers are rounded and written exactly as Python does (round half to
 * even on the exact binary value, "%g"), so points and texts agree to the character; a
 * test scores thousands of answers both ways and compares them.
 *
 * A classic script (file:// pages cannot load modules): it defines MskitScoring.
 */
(function (root) {
  "use strict";

  var PASS = "__pass__";
  var MINUS = "\u2212";
  var CLASSIFICATIONS = [
    ["modern_slavery", "Modern slavery (without trafficking)"],
    ["trafficking", "Human trafficking"],
    ["smuggling", "People smuggling"],
    ["not_enough_info", "Not enough to tell yet"],
  ];
  var RULE_NAMES = {
    right_minus_wrong: "one point per right pick minus one per wrong pick, never below zero",
    weighted: "each option carries a weight; the total is never below zero",
    all_or_nothing: "full marks only for exactly the right set",
    right_plus_unpicked: "one point per right pick and per wrong option left alone",
  };
  // Python's str.isspace characters, for strip()/rstrip().
  var WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP_RE = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  var RSTRIP_RE = new RegExp("[" + WS + "]+$");

  // --- Python's numbers and strings -----------------------------------------------------

  function has(obj, key) {
    return obj != null && Object.prototype.hasOwnProperty.call(obj, key);
  }

  function get(obj, key) {
    return has(obj, key) ? obj[key] : null;
  }

  /** Python's round(x, n): half to even on the exact binary value. */
  function pyRound(x, n) {
    if (!isFinite(x) || x === 0) return x;
    var neg = x < 0;
    var s = Math.abs(x).toFixed(100);
    if (s.indexOf("e") >= 0) return x;
    var dot = s.indexOf(".");
    var whole = s.slice(0, dot);
    var frac = s.slice(dot + 1);
    var keep = whole + frac.slice(0, n);
    var rest = frac.slice(n);
    var up;
    if (rest[0] > "5") up = true;
    else if (rest[0] < "5") up = false;
    else if (/[1-9]/.test(rest.slice(1))) up = true;
    else up = Number(keep[keep.length - 1]) % 2 === 1;
    var digits = keep.split("").map(Number);
    if (up) {
      var i = digits.length - 1;
      while (i >= 0) {
        if (digits[i] === 9) {
          digits[i] = 0;
          i -= 1;
        } else {
          digits[i] += 1;
          break;
        }
      }
      if (i < 0) digits.unshift(1);
    }
    var str = digits.join("");
    var intLen = str.length - n;
    var out = parseFloat(str.slice(0, intLen) + "." + str.slice(intLen));
    return neg ? -out : out;
  }

  /** Python's "%g" (six significant digits, no trailing zeros). */
  function pyG(x) {
    if (x === 0) return "0";
    var ax = Math.abs(x);
    var exp = Math.floor(Math.log10(ax));
    var p = Number(ax.toPrecision(6));
    exp = Math.floor(Math.log10(p));
    var s;
    if (exp < -4 || exp >= 6) {
      s = p.toExponential(5).replace(/\.?0+e/, "e");
      s = s.replace(/e([+-])(\d)$/, "e$10$2");
    } else {
      s = p.toFixed(Math.max(0, 5 - exp));
      if (s.indexOf(".") >= 0) s = s.replace(/0+$/, "").replace(/\.$/, "");
    }
    return (x < 0 ? "-" : "") + s;
  }

  /** A number of points as short text: 1, 0.5, 1.33 (scorers.fmt). */
  function fmt(x) {
    x = pyRound(Number(x), 2);
    return x === Math.trunc(x) ? String(Math.trunc(x)) : pyG(x);
  }

  function pyStrip(s) {
    return s.replace(STRIP_RE, "");
  }

  function clean(text) {
    return text.replace(RSTRIP_RE, "").replace(/\.+$/, "");
  }

  function pyStrRepr(s) {
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var ch = s[i];
      var c = s.charCodeAt(i);
      if (ch === "\\") out += "\\\\";
      else if (ch === quote) out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
      else out += ch;
    }
    return quote + out + quote;
  }

  /** Python's repr() of a JSON value. */
  function pyRepr(v) {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "string") return pyStrRepr(v);
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
    if (Array.isArray(v)) return "[" + v.map(pyRepr).join(", ") + "]";
    return (
      "{" +
      Object.keys(v)
        .map(function (k) {
          return pyStrRepr(k) + ": " + pyRepr(v[k]);
        })
        .join(", ") +
      "}"
    );
  }

  function pyStr(v) {
    return typeof v === "string" ? v : pyRepr(v);
  }

  function typeName(v) {
    if (v === null || v === undefined) return "NoneType";
    if (typeof v === "boolean") return "bool";
    if (typeof v === "string") return "str";
    if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
    if (Array.isArray(v)) return "list";
    return "dict";
  }

  function sum(values) {
    var total = 0;
    for (var i = 0; i < values.length; i++) total += values[i];
    return total;
  }

  function unique(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) if (out.indexOf(list[i]) < 0) out.push(list[i]);
    return out;
  }

  // --- reading answers (scoring/answers.py) ---------------------------------------------

  function parsed(kind, value, problem, notes) {
    return { kind: kind, value: value === undefined ? null : value, problem: problem || null, notes: notes || [] };
  }

  function asId(x) {
    return typeof x === "string" ? x : pyRepr(x);
  }

  function isPass(x) {
    return typeof x === "string" && x === PASS;
  }

  function isPassValue(x) {
    return isPass(x) || (Array.isArray(x) && x.length === 1 && isPass(x[0]));
  }

  function blank(x) {
    return x === null || x === undefined || (typeof x === "string" && pyStrip(x) === "");
  }

  function readChoice(value) {
    if (blank(value)) return parsed("unanswered");
    if (isPass(value)) return parsed("passed");
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") {
      return readChoice(value[0]);
    }
    if (typeof value !== "string") {
      return parsed("unanswered", null, "expected one id, got " + typeName(value));
    }
    return parsed("answer", value);
  }

  function readIdList(value) {
    if (value === null || value === undefined) return parsed("unanswered");
    if (typeof value === "string") {
      if (isPass(value)) return parsed("passed");
      if (pyStrip(value) === "") return parsed("unanswered");
      return parsed("unanswered", null, "expected a list of ids, got a single string");
    }
    if (!Array.isArray(value)) {
      return parsed("unanswered", null, "expected a list of ids, got " + typeName(value));
    }
    if (!value.length) return parsed("unanswered");
    var ids = [];
    var hadPass = false;
    value.forEach(function (x) {
      if (isPass(x)) {
        hadPass = true;
        return;
      }
      var i = asId(x);
      if (ids.indexOf(i) < 0) ids.push(i);
    });
    if (!ids.length) return hadPass ? parsed("passed") : parsed("unanswered");
    return parsed("answer", ids, null, hadPass ? ["a 'pass' mixed into the picks was ignored"] : []);
  }

  function readMapping(value, multi) {
    if (value === null || value === undefined) return parsed("unanswered");
    if (isPassValue(value)) return parsed("passed");
    if (typeof value !== "object" || Array.isArray(value)) {
      return parsed(
        "unanswered",
        null,
        "expected a mapping of item -> answer, got " + typeName(value)
      );
    }
    var out = new Map();
    var notes = [];
    Object.keys(value).forEach(function (key) {
      var v = value[key];
      if (v === null || v === undefined) return;
      if (multi) {
        if (isPass(v)) {
          out.set(key, PASS);
          return;
        }
        if (typeof v === "string") v = [v];
        if (!Array.isArray(v)) {
          notes.push("the answer for " + key + " was not understood");
          out.set(key, []);
          return;
        }
        var picked = readIdList(v.slice());
        out.set(key, picked.kind === "passed" ? PASS : picked.value || []);
      } else {
        if (Array.isArray(v) && v.length === 1) v = v[0];
        if (isPass(v)) out.set(key, PASS);
        else if (typeof v === "string") out.set(key, v);
        else {
          notes.push("the answer for " + key + " was not understood");
          out.set(key, asId(v));
        }
      }
    });
    if (!out.size) return parsed("unanswered");
    var allPass = true;
    out.forEach(function (v) {
      if (v !== PASS) allPass = false;
    });
    if (allPass) return parsed("passed");
    return parsed("answer", out, null, notes);
  }

  function readText(value) {
    if (blank(value)) return parsed("unanswered");
    if (isPassValue(value)) return parsed("passed");
    if (typeof value !== "string") {
      return parsed("answer", pyStr(value), null, ["the answer was not text; shown as text"]);
    }
    return parsed("answer", value);
  }

  function readRating(value, lo, hi) {
    if (isPassValue(value)) return parsed("passed");
    if (blank(value)) return parsed("unanswered");
    if (typeof value === "boolean") return parsed("unanswered", null, "expected a number on the scale");
    if (typeof value === "string") {
      var s = pyStrip(value);
      if (!/^[+-]?[0-9]+(_[0-9]+)*$/.test(s)) {
        return parsed("unanswered", null, "expected a number on the scale");
      }
      value = parseInt(s.replace(/_/g, ""), 10);
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return parsed("unanswered", null, "expected a whole number on the scale");
    }
    if (value < lo || value > hi) {
      return parsed("unanswered", null, value + " is outside the scale " + lo + ".." + hi);
    }
    return parsed("answer", value);
  }

  // --- catalogue look-ups (scoring/catalogue.py) ----------------------------------------

  function indicatorText(catalogue, id) {
    var table = catalogue && catalogue.indicators;
    var t = get(table, id);
    return typeof t === "string" ? t : null;
  }

  function actionInfo(catalogue, id) {
    var table = catalogue && catalogue.actions;
    return get(table, id);
  }

  // --- multi-select rules (scoring/rules.py) --------------------------------------------

  function describeRule(rule, points, nRight, nOffered) {
    if (rule === "right_plus_unpicked") {
      return "+" + fmt(points / Math.max(1, nOffered)) + " per right pick and per wrong option left alone";
    }
    if (rule === "weighted" || rule === "all_or_nothing") return RULE_NAMES[rule];
    var u = fmt(points / Math.max(1, nRight));
    return "+" + u + " per right pick, " + MINUS + u + " per wrong pick, never below zero";
  }

  function clamp(x, hi) {
    return Math.min(Math.max(x, 0), hi);
  }

  /** [mark, Map id -> delta], as rules.mark_multi. */
  function markMulti(rule, offered, right, picked, points, weights) {
    var ids = offered.concat(
      picked.filter(function (p) {
        return offered.indexOf(p) < 0;
      })
    );
    var delta = new Map();
    ids.forEach(function (i) {
      delta.set(i, 0);
    });
    var rightU = unique(right);
    var pickedU = unique(picked);
    var offeredU = unique(offered);
    weights = weights || {};
    var values = function () {
      return Array.from(delta.values());
    };
    if (rule === "weighted") {
      var w = function (i) {
        var given = get(weights, i);
        if (given !== null && offered.indexOf(i) >= 0) return Number(given);
        return right.indexOf(i) >= 0 ? 1 : -1;
      };
      var full = sum(rightU.map(w));
      if (full <= 0) {
        full =
          sum(
            offered.map(function (i) {
              return Math.max(w(i), 0);
            })
          ) || 1;
      }
      pickedU.forEach(function (i) {
        delta.set(i, (points * w(i)) / full);
      });
      return [
        clamp(
          sum(
            pickedU.map(function (i) {
              return delta.get(i);
            })
          ),
          points
        ),
        delta,
      ];
    }
    if (rule === "all_or_nothing") {
      var same =
        rightU.length > 0 &&
        rightU.length === pickedU.length &&
        rightU.every(function (i) {
          return pickedU.indexOf(i) >= 0;
        });
      if (same) {
        rightU.forEach(function (i) {
          delta.set(i, points / rightU.length);
        });
        return [points, delta];
      }
      return [0, delta];
    }
    if (rule === "right_plus_unpicked") {
      var unit = points / Math.max(1, offeredU.length);
      offeredU.forEach(function (i) {
        if ((right.indexOf(i) >= 0) === (picked.indexOf(i) >= 0)) delta.set(i, unit);
      });
      return [clamp(sum(values()), points), delta];
    }
    var u = points / Math.max(1, rightU.length);
    pickedU.forEach(function (i) {
      delta.set(i, right.indexOf(i) >= 0 ? u : -u);
    });
    return [clamp(sum(values()), points), delta];
  }

  // --- building a Score (scorers.py helpers) --------------------------------------------

  function signed(x) {
    if (Math.abs(x) < 1e-12) return "";
    return x > 0 ? " (+" + fmt(x) + ")" : " (" + MINUS + fmt(-x) + ")";
  }

  function maxPoints(q) {
    var t = q.type;
    if (t === "rating" || t === "open_text" || !has(SCORERS, t)) return 0;
    if (q.points !== null && q.points !== undefined) return Number(q.points);
    if (t === "multiple_choice") {
      return Math.max(
        1,
        q.options.filter(function (o) {
          return o.correct;
        }).length
      );
    }
    if (t === "indicator_spotting") return Math.max(1, unique(q.present).length);
    if (t === "action_plan") return Math.max(1, unique(q.essential).length);
    if (t === "match" || t === "sort") return Math.max(1, q.items.length);
    return 1;
  }

  function sources(q) {
    return (q.sources || []).slice();
  }

  function feedbackText(q, headline, lines, notes) {
    var parts = [headline].concat(
      lines || [],
      (notes || []).map(function (n) {
        return "Note: " + n;
      })
    );
    if (q.rationale) parts.push("Why: " + q.rationale);
    var src = sources(q);
    if (src.length) parts.push("Sources: " + src.join(", ") + ".");
    return parts
      .filter(function (p) {
        return p;
      })
      .join("\n");
  }

  function entry(id, answer, expected, points, feedback) {
    return { id: id, answer: answer, expected: expected, points: points, feedback: feedback };
  }

  function make(q, points, status, headline, entries, notes, lines) {
    var mx = maxPoints(q);
    points = pyRound(Math.min(Math.max(points, 0), mx), 9);
    entries = entries || [];
    if (lines === undefined || lines === null) {
      lines = entries
        .filter(function (e) {
          return e.feedback;
        })
        .map(function (e) {
          return e.feedback;
        });
    }
    return {
      id: q.id,
      type: q.type,
      points: points,
      max: mx,
      status: status,
      breakdown: entries,
      feedback: feedbackText(q, headline, lines, notes || []),
      sources: sources(q),
    };
  }

  function notScored(q, p) {
    var mx = maxPoints(q);
    if (p.kind === "passed") {
      return make(
        q,
        0,
        "passed",
        "Passed ('not sure'): 0 of " + fmt(mx) + " points; a pass never costs points."
      );
    }
    if (p.kind === "unanswered") {
      var notes = p.problem
        ? ["the answer could not be read (" + p.problem + "), so it counts as unanswered"]
        : [];
      return make(q, 0, "unanswered", "No answer: 0 of " + fmt(mx) + " points.", [], notes);
    }
    return null;
  }

  function headline(points, mx, how) {
    return fmt(points) + " of " + fmt(mx) + " points" + (how ? " (" + how + ")." : ".");
  }

  // --- the scorers ----------------------------------------------------------------------

  var SCORERS = {};

  SCORERS.single_choice = function (q, answer) {
    var p = readChoice(answer);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var got = 0;
    var entries = q.options.map(function (o) {
      var picked = o.id === p.value;
      var delta = picked && o.correct ? mx : 0;
      got += delta;
      var text = "";
      var fb = o.feedback ? " " + o.feedback : "";
      if (picked) {
        text = (o.correct ? "Right answer" : "Not the right answer") + ": " + clean(o.text) + signed(delta) + "." + fb;
      } else if (o.correct) {
        text = "The right answer: " + clean(o.text) + "." + fb;
      }
      return entry(o.id, picked, o.correct, delta, text);
    });
    var notes = [];
    var known = q.options.some(function (o) {
      return o.id === p.value;
    });
    if (!known) {
      notes.push("'" + p.value + "' is not one of the options; it counts as a wrong answer");
      entries.push(entry(p.value, true, false, 0, ""));
    }
    return make(q, got, "scored", headline(got, mx), entries, notes);
  };

  SCORERS.classification = function (q, answer) {
    var p = readChoice(answer);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var accepted = [q.correct].concat(q.also_accept || []);
    var got = 0;
    var fbs = q.feedback || {};
    var entries = CLASSIFICATIONS.map(function (pair) {
      var cid = pair[0];
      var label = pair[1];
      var picked = cid === p.value;
      var right = accepted.indexOf(cid) >= 0;
      var delta = picked && right ? mx : 0;
      got += delta;
      var why = get(fbs, cid);
      var text = "";
      if (picked) text = (right ? "Right" : "Not right") + ": " + label + signed(delta) + "." + (why ? " " + why : "");
      else if (cid === q.correct) text = "The model answer: " + label + "." + (why ? " " + why : "");
      return entry(cid, picked, right, delta, text);
    });
    var notes = [];
    var known = CLASSIFICATIONS.some(function (pair) {
      return pair[0] === p.value;
    });
    if (!known) {
      notes.push("'" + p.value + "' is not a classification; it counts as a wrong answer");
      entries.push(entry(p.value, true, false, 0, ""));
    }
    return make(q, got, "scored", headline(got, mx), entries, notes);
  };

  function multi(q, answer, offered, right, label, why, weights, words) {
    var p = readIdList(answer);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var picked = p.value.slice();
    var marked = markMulti(q.rule, offered, right, picked, mx, weights);
    var got = marked[0];
    var delta = marked[1];
    var all = offered.concat(
      picked.filter(function (x) {
        return offered.indexOf(x) < 0;
      })
    );
    var entries = all.map(function (i) {
      var isPicked = picked.indexOf(i) >= 0;
      var isRight = right.indexOf(i) >= 0;
      var d = delta.has(i) ? delta.get(i) : 0;
      var w = why(i);
      var text = "";
      if (offered.indexOf(i) < 0) text = words.unknown + ": '" + i + "' (counted as a wrong pick)" + signed(d) + ".";
      else if (isPicked && isRight) text = words.right_picked + ": " + label(i) + signed(d) + ".";
      else if (isPicked) text = words.wrong_picked + ": " + label(i) + signed(d) + ".";
      else if (isRight) text = words.missed + ": " + label(i) + ".";
      else if (d) text = words.left_alone + ": " + label(i) + signed(d) + ".";
      if (text && w) text += " " + w;
      return entry(i, isPicked, isRight, d, text);
    });
    var notes = p.notes.slice();
    if (sum(Array.from(delta.values())) < -1e-9) {
      notes.push("the wrong picks outweighed the right ones; the mark is floored at zero");
    }
    var how = describeRule(q.rule, mx, unique(right).length, offered.length);
    return make(q, got, "scored", headline(got, mx, how), entries, notes);
  }

  SCORERS.multiple_choice = function (q, answer) {
    var byId = {};
    q.options.forEach(function (o) {
      byId[o.id] = o;
    });
    var weights = {};
    q.options.forEach(function (o) {
      weights[o.id] = o.weight === undefined ? null : o.weight;
    });
    return multi(
      q,
      answer,
      q.options.map(function (o) {
        return o.id;
      }),
      q.options
        .filter(function (o) {
          return o.correct;
        })
        .map(function (o) {
          return o.id;
        }),
      function (i) {
        return clean(byId[i].text);
      },
      function (i) {
        return has(byId, i) ? byId[i].feedback || null : null;
      },
      weights,
      {
        unknown: "Not one of the options",
        right_picked: "Right pick",
        wrong_picked: "Wrong pick",
        missed: "Missed",
        left_alone: "Rightly left alone",
      }
    );
  };

  SCORERS.indicator_spotting = function (q, answer, catalogue) {
    var offered = unique(q.present.concat(q.distractors || []));
    var present = q.present;
    var notes = q.notes || {};
    return multi(
      q,
      answer,
      offered,
      present,
      function (i) {
        return clean(indicatorText(catalogue, i) || i);
      },
      function (i) {
        var note = get(notes, i);
        if (note) return note;
        if (present.indexOf(i) >= 0) return null;
        return offered.indexOf(i) >= 0 ? "The story does not show this sign." : null;
      },
      null,
      {
        unknown: "Not one of the offered indicators",
        right_picked: "Spotted",
        wrong_picked: "Not in this story",
        missed: "Missed",
        left_alone: "Rightly left alone",
      }
    );
  };

  function ruleText(rule, label) {
    label = label || String;
    var parts = [];
    if (rule.first) parts.push(label(rule.first) + " first");
    if (rule.before && rule.after) parts.push(label(rule.before) + " before " + label(rule.after));
    return parts.join("; ") || "(a rule naming no actions)";
  }

  function checkOrder(rule, plan) {
    var results = [];
    if (rule.first && plan.indexOf(rule.first) >= 0) results.push(plan.indexOf(rule.first) === 0);
    if (rule.before && rule.after && plan.indexOf(rule.before) >= 0 && plan.indexOf(rule.after) >= 0) {
      results.push(plan.indexOf(rule.before) < plan.indexOf(rule.after));
    }
    if (!results.length) return "not checked";
    return results.every(Boolean) ? "kept" : "broken";
  }

  function actionRating(q, id) {
    if (q.essential.indexOf(id) >= 0) return "essential";
    if ((q.harmful || []).indexOf(id) >= 0) return "harmful";
    return "helpful";
  }

  SCORERS.action_plan = function (q, answer, catalogue) {
    var p = readIdList(answer);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var essential = unique(q.essential);
    var harmful = q.harmful || [];
    var unit = mx / Math.max(1, essential.length);
    var known = q.actions.concat(q.essential, harmful);
    var plan = p.value.filter(function (a) {
      return known.indexOf(a) >= 0;
    });
    var unknown = p.value.filter(function (a) {
      return known.indexOf(a) < 0;
    });
    var notesMap = q.notes || {};
    var label = function (i) {
      var info = actionInfo(catalogue, i);
      return info && info.text ? clean(info.text) : i;
    };
    var why = function (i) {
      if (get(notesMap, i)) return notesMap[i];
      var info = actionInfo(catalogue, i);
      return info && info.why ? info.why : "";
    };
    var heads = {
      essential: "Essential",
      harmful: "Harmful here",
      helpful: "Helpful (neither adds nor costs)",
    };
    var entries = [];
    plan.forEach(function (a, n) {
      var rating = actionRating(q, a);
      var d = rating === "essential" ? unit : rating === "harmful" ? -unit : 0;
      var w = why(a);
      entries.push(entry(a, n + 1, rating, d, n + 1 + ". " + heads[rating] + ": " + label(a) + signed(d) + "." + (w ? " " + w : "")));
    });
    essential.forEach(function (a) {
      if (plan.indexOf(a) < 0) {
        var w = why(a);
        entries.push(entry(a, null, "essential", 0, "Missing essential: " + label(a) + "." + (w ? " " + w : "")));
      }
    });
    unique(harmful).forEach(function (a) {
      if (plan.indexOf(a) < 0 && essential.indexOf(a) < 0) {
        var w = why(a);
        entries.push(entry(a, null, "harmful", 0, "Rightly left out: " + label(a) + "." + (w ? " " + w : "")));
      }
    });
    (q.order || []).forEach(function (rule, n) {
      var status = checkOrder(rule, plan);
      var d = status === "broken" ? -unit : 0;
      var text = "";
      if (status === "broken") text = "Order rule broken: " + ruleText(rule, label) + signed(d) + ". " + rule.why;
      else if (status === "kept") text = "Order rule kept: " + ruleText(rule, label) + ".";
      entries.push(entry("order-" + (n + 1), status, ruleText(rule), d, text));
    });
    var notes = p.notes.slice();
    if (unknown.length) notes.push("not among the offered actions, so ignored: " + unknown.join(", "));
    if (q.max_picks !== null && q.max_picks !== undefined && plan.length > q.max_picks) {
      notes.push("the plan has " + plan.length + " actions; the exercise asked for at most " + q.max_picks);
    }
    var raw = sum(
      entries.map(function (e) {
        return e.points;
      })
    );
    if (raw < -1e-9) {
      notes.push("harmful actions and broken order rules outweighed the rest; the mark is floored at zero");
    }
    var u = fmt(unit);
    var how = "each essential action +" + u + ", each harmful action " + MINUS + u + ", each broken order rule " + MINUS + u;
    return make(q, raw, "scored", headline(raw > 0 ? raw : 0, mx, how), entries, notes);
  };

  function itemsScore(q, given, entries, p, mx, how) {
    var notes = p.notes.slice();
    var itemIds = q.items.map(function (i) {
      return i.id;
    });
    var stray = Array.from(given.keys()).filter(function (k) {
      return itemIds.indexOf(k) < 0;
    });
    if (stray.length) notes.push("not items of this question, so ignored: " + stray.join(", "));
    var got = sum(
      entries.map(function (e) {
        return e.points;
      })
    );
    return make(q, got, "scored", headline(got, mx, how), entries, notes);
  }

  SCORERS.match = function (q, answer) {
    var p = readMapping(answer, true);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var unit = mx / Math.max(1, q.items.length);
    var targets = {};
    q.targets.forEach(function (t) {
      targets[t.id] = t.text;
    });
    var given = p.value;
    var entries = q.items.map(function (item) {
      var want = unique(item.answer);
      var got = given.has(item.id) ? given.get(item.id) : null;
      var fb = item.feedback ? " " + item.feedback : "";
      if (got === null || got === PASS || (Array.isArray(got) && !got.length)) {
        var word = got === PASS ? "Passed" : "Not answered";
        var wants = want
          .map(function (t) {
            return has(targets, t) ? targets[t] : t;
          })
          .join(", ");
        return entry(item.id, got === PASS ? got : null, want, 0, word + ": " + clean(item.text) + ". It goes with: " + wants + "." + fb);
      }
      var picked = got.slice();
      var pu = unique(picked);
      var same =
        pu.length === want.length &&
        want.every(function (t) {
          return pu.indexOf(t) >= 0;
        });
      if (same) return entry(item.id, picked, want, unit, "Right: " + clean(item.text) + signed(unit) + "." + fb);
      var missing = want
        .filter(function (t) {
          return picked.indexOf(t) < 0;
        })
        .map(function (t) {
          return has(targets, t) ? targets[t] : t;
        });
      var extra = picked
        .filter(function (t) {
          return want.indexOf(t) < 0;
        })
        .map(function (t) {
          return has(targets, t) ? targets[t] : "'" + t + "' (not a target)";
        });
      var bits = [];
      if (missing.length) bits.push("missing " + missing.join(", "));
      if (extra.length) bits.push("not " + extra.join(", "));
      return entry(item.id, picked, want, 0, "Not quite: " + clean(item.text) + ": " + bits.join("; ") + "." + fb);
    });
    return itemsScore(q, given, entries, p, mx, "an item counts when its set of matches is exactly right");
  };

  SCORERS.sort = function (q, answer) {
    var p = readMapping(answer, false);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var unit = mx / Math.max(1, q.items.length);
    var cats = {};
    q.categories.forEach(function (c) {
      cats[c.id] = c.text;
    });
    var given = p.value;
    var entries = q.items.map(function (item) {
      var got = given.has(item.id) ? given.get(item.id) : null;
      var fb = item.feedback ? " " + item.feedback : "";
      var right = has(cats, item.answer) ? cats[item.answer] : item.answer;
      if (got === null || got === PASS) {
        var word = got === PASS ? "Passed" : "Not sorted";
        return entry(item.id, got, item.answer, 0, word + ": " + clean(item.text) + ". It belongs in: " + right + "." + fb);
      }
      if (got === item.answer) {
        return entry(item.id, got, item.answer, unit, "Right: " + clean(item.text) + " in " + right + signed(unit) + "." + fb);
      }
      var where = has(cats, got) ? cats[got] : "'" + got + "' (not a category)";
      return entry(item.id, got, item.answer, 0, "Not right: " + clean(item.text) + " is in " + where + "; it belongs in " + right + "." + fb);
    });
    return itemsScore(q, given, entries, p, mx, "");
  };

  SCORERS.free_text = function (q, answer) {
    var p = readText(answer);
    var s = notScored(q, p);
    if (s) return s;
    var mx = maxPoints(q);
    var lines = ["Model answer: " + q.model_answer].concat(
      (q.marking_guide || []).map(function (g) {
        return "Marking guide: " + g;
      })
    );
    return make(
      q,
      0,
      "needs_marking",
      "Waiting for the facilitator's mark (up to " + fmt(mx) + " points).",
      [entry(q.id, p.value, q.model_answer, 0, "")],
      p.notes,
      lines
    );
  };

  function unscored(q, p, what) {
    var notes = p.problem ? [p.problem] : [];
    var value = p.kind === "answer" ? p.value : null;
    var head = value !== null ? "Not scored (" + what + ")." : "Not scored (" + what + "); no answer.";
    return make(q, 0, "unscored", head, [entry(q.id, value, null, 0, "")], notes);
  }

  SCORERS.rating = function (q, answer) {
    var lo = q.scale_min === undefined ? 1 : q.scale_min;
    var hi = q.scale_max === undefined ? 5 : q.scale_max;
    return unscored(q, readRating(answer, lo, hi), "a rating");
  };

  SCORERS.open_text = function (q, answer) {
    return unscored(q, readText(answer), "an open question");
  };

  /** Score one answer; never throws (an answer that breaks a scorer is unanswered). */
  function score(q, answer, catalogue) {
    var fn = has(SCORERS, q.type) ? SCORERS[q.type] : null;
    if (!fn) {
      return {
        id: q.id,
        type: q.type,
        points: 0,
        max: 0,
        status: "unscored",
        breakdown: [],
        feedback: "No scorer for question type '" + q.type + "'.",
        sources: [],
      };
    }
    try {
      return fn(q, answer === undefined ? null : answer, catalogue || {});
    } catch (exc) {
      var mx = maxPoints(q);
      return {
        id: q.id,
        type: q.type,
        points: 0,
        max: mx,
        status: "unanswered",
        breakdown: [],
        feedback: feedbackText(q, "No mark: the answer could not be scored (" + exc + "); 0 of " + fmt(mx) + " points."),
        sources: sources(q),
      };
    }
  }

  var api = {
    PASS: PASS,
    CLASSIFICATIONS: CLASSIFICATIONS,
    score: score,
    maxPoints: maxPoints,
    fmt: fmt,
    pyRound: pyRound,
  };
  root.MskitScoring = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
