(function () {
  'use strict';
  // The run's data (see RunData.java): flat arrays of numbers and a table of strings.
  var D = JSON.parse(document.getElementById('run-data').textContent);
  var S = D.strings, EV = D.ev, STRIDE = 6, OPS = D.ops, OP_STRIDE = 6;
  var KIND = {};
  D.kinds.forEach(function (k, i) { KIND[k] = i; });
  var VERDICT = D.verdicts; // CSS classes by verdict number: linearized, unlinearized, failing
  var MARKS_MAX = 10000; // more SVG elements than this make the page slow; zoom in to see the rest
  var LEFT = 92, RIGHT = 14, TOP = 64, LANE = 46, AXIS = 18;

  var laneOf = {};
  D.lanes.forEach(function (l, i) { laneOf[l[0]] = i; });
  var eventCount = EV.length / STRIDE;
  var maxFlight = 0;
  for (var i = 0; i < eventCount; i++) {
    var s = EV[i * STRIDE + 4];
    if (s >= 0) { maxFlight = Math.max(maxFlight, EV[i * STRIDE] - s); }
  }
  var state = {from: D.window[0], width: D.window[1], selected: null};
  var linked = /^#t=(\d+),(\d+)$/.exec(location.hash); // a window someone linked to: #t=FROM,WIDTH in µs
  if (linked) { state.from = +linked[1]; state.width = +linked[2]; }
  var diagram = document.getElementById('diagram');
  var detail = document.getElementById('event-detail');
  var note = document.getElementById('diagram-note');
  var position = document.getElementById('position');
  var label = document.getElementById('window-label');

  function esc(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function secs(micros, digits) {
    return (micros / 1e6).toFixed(digits === undefined ? 6 : digits) + ' s';
  }
  function laneY(node) { return TOP + laneOf[node] * LANE + LANE / 2 - 6; }
  function lowerBound(t) { // first event with time >= t
    var lo = 0, hi = eventCount;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (EV[mid * STRIDE] < t) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }
  function eventText(i) {
    var b = i * STRIDE, kind = D.kinds[EV[b + 1]], from = EV[b + 2], to = EV[b + 3], sent = EV[b + 4];
    var who = from < 0 ? '' : to < 0 ? ' n' + from : ' ' + from + '→' + to;
    return 'event ' + (i + D.evFirst) + '  t=' + secs(EV[b]) + '  ' + kind.toLowerCase() + who + '\n' + S[EV[b + 5]]
        + (sent >= 0 ? '\nsent at the latest ' + secs(sent) + ' (inferred), in flight at least '
        + ((EV[b] - sent) / 1000).toFixed(3) + ' ms' : '');
  }
  function opText(k) {
    var b = k * OP_STRIDE, ret = OPS[b + 3];
    var lane = laneOf[OPS[b + 1]] === undefined ? 'node ' + OPS[b + 1] : D.lanes[laneOf[OPS[b + 1]]][1];
    return 'op ' + OPS[b] + ', ' + lane + ': ' + S[OPS[b + 5]] + '\n'
        + (ret < 0 ? 'called at ' + secs(OPS[b + 2]) + ', outcome unknown'
          : secs(OPS[b + 2]) + ' – ' + secs(ret)) + '\nchecker: ' + VERDICT[OPS[b + 4]].replace('failing',
            'could not be linearised next');
  }

  function render() {
    var end = D.end;
    state.width = Math.max(1000, Math.min(state.width, end));
    state.from = Math.max(0, Math.min(state.from, end - state.width));
    var from = state.from, to = from + state.width;
    var width = Math.max(900, diagram.clientWidth || 1200), plot = width - LEFT - RIGHT;
    var height = TOP + D.lanes.length * LANE + AXIS;
    function x(t) { return LEFT + (t - from) / state.width * plot; }
    function fx(t) { return x(t).toFixed(1); }
    var v = {from: from, to: to, x: x, fx: fx, width: width, height: height};
    var out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '">');
    out.push('<defs><clipPath id="plot"><rect x="' + LEFT + '" y="0" width="' + plot + '" height="' + height
        + '"/></clipPath>');
    [['arrow', '#5b8fd6'], ['arrow-reply', '#3aa17e'], ['arrow-call', '#7a5bd6']].forEach(function (m) {
      out.push('<marker id="' + m[0] + '" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6"'
          + ' orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="' + m[1] + '"/></marker>');
    });
    out.push('</defs>');
    axis(out, from, to, x, height);
    out.push('<text class="row-label" x="6" y="34">network</text><text class="row-label" x="6" y="54">leader</text>');
    out.push('<g clip-path="url(#plot)">');
    drawBands(out, v);
    out.push('</g>');
    drawLanes(out, v);
    out.push('<g clip-path="url(#plot)">');
    drawOperations(out, v);
    var drawn = drawEvents(out, v);
    out.push('</g></svg>');
    diagram.innerHTML = out.join('');
    try {
      history.replaceState(null, '', '#t=' + Math.round(state.from) + ',' + Math.round(state.width));
    } catch (ignored) { /* some browsers refuse it for file:// pages; the link is a convenience */ }
    diagram.setAttribute('data-messages-drawn', drawn.messages);
    label.textContent = secs(from, 3) + ' – ' + secs(to, 3) + '  (' + secs(state.width, 3) + ' of ' + secs(end, 3) + ')';
    position.value = end > state.width ? Math.round(from / (end - state.width) * 1000) : 0;
    note.textContent = (drawn.every > 1 ? 'This window holds ' + drawn.events + ' events: showing one message, drop and timer in '
        + drawn.every + ' (and every crash, restart, failed call and network change). Zoom in to see all. ' : '')
        + (eventCount === 0 ? 'No trace was recorded for this run, so only client operations are shown.' : '');
  }

  /** Shaded periods: links cut, servers down, the leader. */
  function drawBands(out, v) {
    var from = v.from, to = v.to, x = v.x, fx = v.fx, width = v.width, height = v.height;
    for (var k = 0; k < D.cuts.length; k += 3) {
      if (D.cuts[k] <= to && D.cuts[k + 1] >= from) {
        out.push('<rect class="cut" x="' + fx(D.cuts[k]) + '" y="22" width="' + Math.max(1, x(D.cuts[k + 1])
            - x(D.cuts[k])).toFixed(1) + '" height="' + (height - 22 - AXIS) + '"><title>links cut: '
            + esc(S[D.cuts[k + 2]]) + '</title></rect>');
        var room = Math.floor((Math.min(x(D.cuts[k + 1]), width - RIGHT) - Math.max(x(D.cuts[k]), LEFT) - 6) / 6.6);
        var what = S[D.cuts[k + 2]].replace(/^[0-9.]+ s: /, '');
        if (room > 8) {
          out.push('<text class="cut-label" x="' + (Math.max(x(D.cuts[k]), LEFT) + 3).toFixed(1) + '" y="'
              + (height - AXIS - 4) + '">' + esc(what.length > room ? what.substring(0, room - 1) + '…' : what)
              + '</text>');
        }
      }
    }
    for (k = 0; k < D.down.length; k += 3) {
      if (D.down[k + 1] <= to && D.down[k + 2] >= from && laneOf[D.down[k]] !== undefined) {
        out.push('<rect class="down" x="' + fx(D.down[k + 1]) + '" y="' + (TOP + laneOf[D.down[k]] * LANE + 2)
            + '" width="' + Math.max(1, x(D.down[k + 2]) - x(D.down[k + 1])).toFixed(1) + '" height="' + (LANE - 4)
            + '"><title>' + D.lanes[laneOf[D.down[k]]][1] + ' down from ' + secs(D.down[k + 1]) + ' to '
            + secs(D.down[k + 2]) + '</title></rect>');
      }
    }
    for (k = 0; k < D.leaders.length; k += 4) {
      var srv = D.leaders[k], a = D.leaders[k + 1], b = D.leaders[k + 2];
      if (a > to || b < from) { continue; }
      var w = Math.max(2, x(b) - x(a)), tip = '<title>server ' + srv + ' acted as leader from ' + secs(a) + ' to '
          + secs(b) + ' (' + D.leaders[k + 3] + ' leader messages)</title>';
      out.push('<g class="leader-period" data-server="' + srv + '"><rect class="leader" x="' + fx(a) + '" y="42" width="'
          + w.toFixed(1) + '" height="14" fill-opacity=".5">' + tip + '</rect>');
      if (w > 30) {
        out.push('<text x="' + (Math.max(x(a), LEFT) + 3).toFixed(1) + '" y="53">server ' + srv + '</text>');
      }
      if (laneOf[srv] !== undefined) {
        out.push('<rect class="leader" x="' + fx(a) + '" y="' + (laneY(srv) - 16) + '" width="' + w.toFixed(1)
            + '" height="5">' + tip + '</rect>');
      }
      out.push('</g>');
    }
  }

  function drawLanes(out, v) {
    var from = v.from, to = v.to, x = v.x, fx = v.fx, width = v.width, height = v.height;
    D.lanes.forEach(function (l, idx) {
      var y = laneY(l[0]);
      out.push('<g class="lane" data-node="' + l[0] + '"><text class="lane-label" x="6" y="' + (y + 4) + '">'
          + esc(l[1]) + '</text><line class="lane" x1="' + LEFT + '" x2="' + (width - RIGHT) + '" y1="' + y
          + '" y2="' + y + '"/></g>');
    });
  }

  /** Client operations: bars below the client lanes' line, coloured by the checker's verdict. */
  function drawOperations(out, v) {
    var from = v.from, to = v.to, x = v.x, fx = v.fx, width = v.width, height = v.height;
    // Client operations: bars below the client lanes' line.
    for (var k = 0; k < OPS.length; k += OP_STRIDE) {
      var call = OPS[k + 2], ret = OPS[k + 3], node = OPS[k + 1];
      if (call > to || (ret >= 0 && ret < from) || laneOf[node] === undefined) { continue; }
      var x1 = x(call), x2 = ret < 0 ? width - RIGHT + 50 : x(ret), y = laneY(node) + 3;
      var verdict = VERDICT[OPS[k + 4]], failing = verdict === 'failing';
      if (failing) { // a guide across every lane, so what the servers did at that moment is easy to find
        out.push('<line class="failing-guide" x1="' + x1.toFixed(1) + '" x2="' + x1.toFixed(1) + '" y1="22" y2="'
            + (height - AXIS) + '"/>');
      }
      out.push('<g class="op ' + verdict + (ret < 0 ? ' pending' : '') + (state.selected === 'op' + OPS[k]
          ? ' selected' : '') + '" data-op-id="' + OPS[k] + '" data-failing="' + failing + '" data-k="' + k
          + '"><title>' + esc(opText(k / OP_STRIDE)) + '</title><rect x="' + x1.toFixed(1) + '" y="' + y
          + '" width="' + Math.max(3, x2 - x1).toFixed(1) + '" height="15" rx="3"/>');
      var room = Math.floor((Math.min(x2, width - RIGHT) - Math.max(x1, LEFT) - 6) / 6.6);
      if (room > 3) {
        var text = 'op ' + OPS[k] + ' ' + S[OPS[k + 5]]; // the same number as the tooltip and the lists
        out.push('<text x="' + (Math.max(x1, LEFT) + 3).toFixed(1) + '" y="' + (y + 11) + '">'
            + esc(text.length > room ? text.substring(0, room - 1) + '…' : text) + '</text>');
      }
      out.push('</g>');
    }
  }

  /** Trace events in the window, and messages sent in it that arrive later; returns what it drew. */
  function drawEvents(out, v) {
    var from = v.from, to = v.to, x = v.x, fx = v.fx, width = v.width, height = v.height;
    // A window with too many events shows every n-th message, drop and timer (evenly, so the whole
    // window stays readable) and all the rare events; the note says so.
    var first = lowerBound(from), last = lowerBound(to + maxFlight + 1), messages = 0;
    var every = Math.max(1, Math.ceil((last - first) / MARKS_MAX));
    for (var i = first; i < last; i++) {
      var e = i * STRIDE, t = EV[e], kind = EV[e + 1], f = EV[e + 2], r = EV[e + 3], sent = EV[e + 4];
      if (t > to && !(sent >= 0 && sent <= to)) { continue; }
      if (every > 1 && i % every !== 0 && (kind === KIND.DELIVER || kind === KIND.DROP || kind === KIND.TIMER)) {
        continue;
      }
      var sel = state.selected === 'ev' + i ? ' selected' : '';
      if (kind === KIND.DELIVER && laneOf[f] !== undefined && laneOf[r] !== undefined) {
        var d = S[EV[e + 5]];
        var cls = d.lastIndexOf('reply #', 0) === 0 ? ' reply' : d.lastIndexOf('call #', 0) === 0 ? ' call' : '';
        out.push('<line class="msg' + cls + sel + '" data-i="' + i + '" x1="' + fx(sent) + '" y1="' + laneY(f)
            + '" x2="' + fx(t) + '" y2="' + laneY(r) + '"><title>' + esc(eventText(i)) + '</title></line>');
        messages++;
      } else if (kind === KIND.DROP && laneOf[f] !== undefined && laneOf[r] !== undefined) {
        var lane = sent >= 0 ? r : f;
        if (sent >= 0) {
          out.push('<line class="msg lost' + sel + '" data-i="' + i + '" x1="' + fx(sent) + '" y1="' + laneY(f)
              + '" x2="' + fx(t) + '" y2="' + laneY(r) + '"/>');
        }
        out.push('<text class="drop" data-i="' + i + '" x="' + (x(t) - 4).toFixed(1) + '" y="' + (laneY(lane) + 5)
            + '">✕<title>' + esc(eventText(i)) + '</title></text>');
      } else if (kind === KIND.TIMER && laneOf[f] !== undefined) {
        out.push('<circle class="timer" data-i="' + i + '" cx="' + fx(t) + '" cy="' + laneY(f) + '" r="2.2"><title>'
            + esc(eventText(i)) + '</title></circle>');
      } else if (kind === KIND.CALL_FAILED && laneOf[f] !== undefined) {
        out.push('<path class="callfail" data-i="' + i + '" d="M' + fx(t) + ' ' + (laneY(f) - 5) + ' l5 5 l-5 5 l-5 -5 z">'
            + '<title>' + esc(eventText(i)) + '</title></path>');
      } else if ((kind === KIND.CRASH || kind === KIND.RESTART || kind === KIND.START) && laneOf[f] !== undefined) {
        var glyph = kind === KIND.CRASH ? '✖ crash' : kind === KIND.RESTART ? '↻ restart' : t > 0 ? '▸ start' : '▸';
        out.push('<text class="node-mark" data-i="' + i + '" x="' + (x(t) + 2).toFixed(1) + '" y="' + (laneY(f) - 8)
            + '">' + glyph + '<title>' + esc(eventText(i)) + '</title></text>');
      } else if (kind === KIND.NETWORK || kind === KIND.EXTERNAL) {
        var workload = kind === KIND.EXTERNAL && /^client \d+ /.test(S[EV[e + 5]]);
        out.push('<line class="' + (kind === KIND.NETWORK ? 'net' : workload ? 'ext workload' : 'ext') + '" data-i="' + i
            + '" x1="' + fx(t) + '" x2="' + fx(t) + '" y1="24" y2="' + (workload ? 29 : 38) + '"><title>'
            + esc(eventText(i)) + '</title></line>');
      }
    }
    return {messages: messages, events: last - first, every: every};
  }

  function axis(out, from, to, x, height) {
    var span = to - from, step = 1;
    while (span / step > 12) {
      step *= (String(step).charAt(0) === '2') ? 2.5 : 2;
    }
    var digits = Math.max(0, 6 - Math.floor(Math.log10(step)));
    digits = Math.min(6, digits);
    for (var t = Math.ceil(from / step) * step; t <= to; t += step) {
      var px = x(t).toFixed(1);
      out.push('<line class="tick" x1="' + px + '" x2="' + px + '" y1="16" y2="' + (height - AXIS) + '"/>'
          + '<text class="tick" x="' + (x(t) + 2).toFixed(1) + '" y="12">' + secs(t, digits) + '</text>');
    }
  }

  function show(fromMicros, widthMicros) {
    state.from = Math.round(fromMicros);
    if (widthMicros) { state.width = Math.round(widthMicros); }
    render();
  }
  function firstFailing() {
    for (var k = 0; k < OPS.length; k += OP_STRIDE) {
      if (VERDICT[OPS[k + 4]] === 'failing') { return k; }
    }
    return -1;
  }
  function showOp(id) {
    for (var k = 0; k < OPS.length; k += OP_STRIDE) {
      if (String(OPS[k]) === String(id)) {
        state.selected = 'op' + OPS[k];
        detail.textContent = opText(k / OP_STRIDE);
        show(OPS[k + 2] - state.width / 4);
        diagram.scrollIntoView({block: 'nearest'});
        return;
      }
    }
  }
  document.getElementById('controls').addEventListener('click', function (event) {
    var act = event.target.getAttribute && event.target.getAttribute('data-act');
    var w = state.width, mid = state.from + w / 2;
    if (act === 'start') { show(0); }
    if (act === 'end') { show(D.end - w); }
    if (act === 'back') { show(state.from - w); }
    if (act === 'on') { show(state.from + w); }
    if (act === 'step-back') { show(state.from - w / 4); }
    if (act === 'step') { show(state.from + w / 4); }
    if (act === 'zoom-in') { show(mid - w / 4, w / 2); }
    if (act === 'zoom-out') { show(mid - w, w * 2); }
    if (act === 'all') { show(0, D.end); }
    if (act === 'failing') {
      var k = firstFailing();
      if (k >= 0) { showOp(OPS[k]); } else { detail.textContent = 'The checker found no failing operation.'; }
    }
  });
  var pending = false;
  position.addEventListener('input', function () {
    if (pending) { return; }
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      show(position.value / 1000 * Math.max(0, D.end - state.width));
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.target.tagName === 'INPUT') { return; }
    if (event.key === 'ArrowLeft') { show(state.from - state.width / 4); }
    if (event.key === 'ArrowRight') { show(state.from + state.width / 4); }
    if (event.key === '+') { show(state.from + state.width / 4, state.width / 2); }
    if (event.key === '-') { show(state.from - state.width / 2, state.width * 2); }
  });
  diagram.addEventListener('click', function (event) {
    var el = event.target.closest('[data-i],[data-k]');
    if (!el) { return; }
    if (el.hasAttribute('data-k')) {
      state.selected = 'op' + el.getAttribute('data-op-id');
      detail.textContent = opText(el.getAttribute('data-k') / OP_STRIDE);
    } else {
      state.selected = 'ev' + el.getAttribute('data-i');
      detail.textContent = eventText(+el.getAttribute('data-i'));
    }
    render();
  });
  document.querySelectorAll('button.show-op').forEach(function (button) {
    button.addEventListener('click', function () { showOp(button.getAttribute('data-op-id')); });
  });
  window.addEventListener('resize', function () { render(); });
  render();
  document.body.setAttribute('data-scripts-ran', 'true');
})();
