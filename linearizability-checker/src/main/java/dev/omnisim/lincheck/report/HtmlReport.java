package dev.omnisim.lincheck.report;

import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.StuckOperation;
import dev.omnisim.lincheck.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a check result as one self-contained HTML file.
 *
 * <p>Per partition: the verdict and its explanation; a time line with one lane per client where
 * every operation is a bar (x is the order of call and return events, so short operations stay
 * visible; exact times are in the tooltips); the linearisation found, or the longest linearisable
 * prefix; and the operations that could not come next, with the reason. Stable markers for tools and
 * tests: every operation element has {@code class="op"} and {@code data-op-id}; the operations that
 * could not be linearised next also have class {@code failing} and {@code data-failing="true"}; the
 * script fills {@code #failing-summary} with links to them and sets {@code data-scripts-ran} on the
 * body.
 *
 * <p>Large partitions are cut to a window of {@value #OPERATIONS_SHOWN_MAX} operations around the
 * failure (or the first ones, when there is none), and only the first {@value
 * #OK_PARTITIONS_DRAWN_MAX} linearisable partitions get a time line, so reports of 100 000 operations
 * stay a few megabytes.
 */
public final class HtmlReport {

  /** Operations drawn per partition; more would make an unreadable, slow page. */
  static final int OPERATIONS_SHOWN_MAX = 300;

  /** Linearisable partitions drawn in full; the rest are listed in a table. */
  static final int OK_PARTITIONS_DRAWN_MAX = 10;

  private static final int LANE_HEIGHT = 30;
  private static final int LEFT_MARGIN = 90;

  private HtmlReport() {}

  /** Writes the report of {@code result} to {@code file}. */
  public static <S, I, O> void write(Path file, Model<S, I, O> model, CheckResult<I, O> result, String title)
      throws IOException {
    Files.writeString(file, render(model, result, title), StandardCharsets.UTF_8);
  }

  /** The report of {@code result} as HTML text. */
  public static <S, I, O> String render(Model<S, I, O> model, CheckResult<I, O> result, String title) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    html.append("<h1>").append(escape(title)).append("</h1>\n");
    html.append("<p class=\"verdict verdict-").append(result.verdict()).append("\">")
        .append(headline(result)).append("</p>\n");
    html.append("<p>").append(result.operationCount()).append(" operations in ")
        .append(result.partitions().size()).append(" partitions (model <code>").append(escape(model.name()))
        .append("</code>). Operation A precedes B when A returned before B was called, or when "
            + "B is the same client's next call, issued the instant A returned; other bars that overlap or touch are "
            + "concurrent and may take effect in either order.</p>\n");
    html.append("<div id=\"failing-summary\"><h2>Operations that could not be linearised</h2></div>\n");
    html.append(LEGEND);
    int okDrawn = 0;
    List<PartitionResult<I, O>> undrawn = new ArrayList<>();
    for (int index = 0; index < result.partitions().size(); index++) {
      PartitionResult<I, O> partition = result.partitions().get(index);
      if (partition.verdict() == Verdict.OK && okDrawn++ >= OK_PARTITIONS_DRAWN_MAX) {
        undrawn.add(partition);
        continue;
      }
      // Linearisable partitions start folded, unless there is nothing else to look at.
      partition(html, model, partition, index, partition.verdict() != Verdict.OK || result.partitions().size() == 1);
    }
    if (!undrawn.isEmpty()) {
      html.append("<h2>Other linearisable partitions</h2>\n<table class=\"others\"><tr><th>partition</th>"
          + "<th>operations</th><th>search states</th></tr>\n");
      for (PartitionResult<I, O> partition : undrawn) {
        html.append("<tr><td>").append(escape(partition.label())).append("</td><td>")
            .append(partition.operations().size()).append("</td><td>").append(partition.cacheEntries())
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return html.toString();
  }

  private static String headline(CheckResult<?, ?> result) {
    return switch (result.verdict()) {
      case OK -> "Linearisable.";
      case ILLEGAL -> "Not linearisable: " + result.partitions().stream()
          .filter(p -> p.verdict() == Verdict.ILLEGAL).count() + " partition(s) fail.";
      case UNKNOWN -> "Unknown: the check ran out of budget before deciding.";
    };
  }

  private static <S, I, O> void partition(
      StringBuilder html, Model<S, I, O> model, PartitionResult<I, O> partition, int index, boolean open) {
    html.append("<section class=\"partition\" data-verdict=\"").append(partition.verdict())
        .append("\" id=\"partition-").append(index).append("\">\n<details")
        .append(open ? " open" : "").append("><summary><span class=\"badge badge-")
        .append(partition.verdict()).append("\">").append(partition.verdict()).append("</span> ")
        .append(escape(partition.label())).append(" — ").append(partition.operations().size())
        .append(" operations, decided by <span class=\"method\">").append(partition.method().description())
        .append("</span></summary>\n");
    html.append("<p class=\"explanation\">").append(escape(partition.explanation())).append("</p>\n");
    Set<Integer> failing = new HashSet<>();
    Set<Integer> culprits = new HashSet<>();
    partition.stuck().forEach(s -> {
      failing.add(s.operation().id());
      if (s.obstacle() == StuckOperation.Obstacle.NEVER_POSSIBLE) {
        culprits.add(s.operation().id());
      }
    });
    Map<Integer, Integer> order = new HashMap<>();
    for (int i = 0; i < partition.linearization().size(); i++) {
      order.put(partition.linearization().get(i).id(), i + 1);
    }
    List<Operation<I, O>> shown = window(partition);
    if (shown.size() < partition.operations().size()) {
      html.append("<p class=\"note\">Showing ").append(shown.size()).append(" of ")
          .append(partition.operations().size()).append(" operations, around where the search got stuck.</p>\n");
    }
    timeline(html, model, partition.label(), shown, failing, culprits, order);
    linearization(html, model, partition);
    if (!partition.stuck().isEmpty()) {
      html.append("<h3>Could not be linearised next (state ").append(escape(partition.state()))
          .append(")</h3>\n<ul class=\"stuck\">\n");
      for (StuckOperation<I, O> stuck : partition.stuck()) {
        Operation<I, O> op = stuck.operation();
        html.append("<li class=\"op failing\" data-failing=\"true\" data-obstacle=\"")
            .append(stuck.obstacle().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .append("\" data-op-id=\"").append(op.id()).append("\">")
            .append("<code>").append(escape(model.describeOperation(op))).append("</code> — client ")
            .append(op.client()).append(", op ").append(op.id()).append(", ").append(interval(op)).append(": ")
            .append(escape(stuck.reason())).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</details></section>\n");
  }

  /** The operations to draw: all of a small partition, else a window around the first stuck one. */
  private static <I, O> List<Operation<I, O>> window(PartitionResult<I, O> partition) {
    List<Operation<I, O>> byCall = new ArrayList<>(partition.operations());
    byCall.sort(Comparator.comparingLong((Operation<I, O> op) -> op.callTime()).thenComparingInt(Operation::id));
    if (byCall.size() <= OPERATIONS_SHOWN_MAX) {
      return byCall;
    }
    int center = 0;
    if (!partition.stuck().isEmpty()) {
      center = byCall.indexOf(partition.stuck().get(0).operation());
    } else if (!partition.linearization().isEmpty()) {
      center = byCall.indexOf(partition.linearization().get(partition.linearization().size() - 1));
    }
    int from = Math.max(0, Math.min(center - OPERATIONS_SHOWN_MAX * 2 / 3, byCall.size() - OPERATIONS_SHOWN_MAX));
    List<Operation<I, O>> shown = new ArrayList<>(byCall.subList(from, from + OPERATIONS_SHOWN_MAX));
    for (StuckOperation<I, O> stuck : partition.stuck()) {
      if (!shown.contains(stuck.operation())) {
        shown.add(stuck.operation());
      }
    }
    return shown;
  }

  private static <S, I, O> void timeline(StringBuilder html, Model<S, I, O> model, String label,
      List<Operation<I, O>> ops, Set<Integer> failing, Set<Integer> culprits, Map<Integer, Integer> order) {
    TreeSet<Long> times = new TreeSet<>();
    TreeSet<Integer> clients = new TreeSet<>();
    for (Operation<I, O> op : ops) {
      times.add(op.callTime());
      op.returnTime().ifPresent(times::add);
      clients.add(op.client());
    }
    Map<Long, Integer> rank = new HashMap<>();
    for (long time : times) {
      rank.put(time, rank.size());
    }
    int step = Math.max(16, Math.min(70, 1200 / Math.max(1, times.size())));
    int width = LEFT_MARGIN + (times.size() + 2) * step;
    // A client whose calls overlap (it went on after a call with unknown outcome) gets extra rows,
    // so that no bar hides another: each operation takes the first row of its client that is free.
    List<Operation<I, O>> byCall = new ArrayList<>(ops);
    byCall.sort(Comparator.comparingLong((Operation<I, O> op) -> op.callTime()).thenComparingInt(Operation::id));
    Map<Integer, List<Integer>> rowEnds = new HashMap<>();
    Map<Integer, Integer> rowOf = new HashMap<>();
    for (Operation<I, O> op : byCall) {
      List<Integer> ends = rowEnds.computeIfAbsent(op.client(), c -> new ArrayList<>());
      int start = rank.get(op.callTime());
      int end = op.pending() ? Integer.MAX_VALUE : rank.get(op.returnTime().getAsLong());
      int row = 0;
      while (row < ends.size() && ends.get(row) >= start) {
        row++;
      }
      if (row == ends.size()) {
        ends.add(end);
      } else {
        ends.set(row, end);
      }
      rowOf.put(op.id(), row);
    }
    Map<Integer, Integer> firstRow = new HashMap<>();
    int rows = 0;
    for (int client : clients) {
      firstRow.put(client, rows);
      rows += rowEnds.get(client).size();
    }
    int height = rows * LANE_HEIGHT + 24;
    html.append("<div class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"time line of ")
        .append(escape(label)).append("\">\n");
    for (int client : clients) {
      int y = firstRow.get(client) * LANE_HEIGHT;
      int bottom = (firstRow.get(client) + rowEnds.get(client).size()) * LANE_HEIGHT - 2;
      html.append("<text class=\"lane\" x=\"4\" y=\"").append(y + 19).append("\">client ").append(client)
          .append("</text><line class=\"lane\" x1=\"").append(LEFT_MARGIN).append("\" x2=\"").append(width)
          .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>\n");
    }
    int axisY = rows * LANE_HEIGHT + 14;
    html.append("<text class=\"lane\" x=\"4\" y=\"").append(axisY).append("\">time</text>\n");
    int labelEvery = Math.max(1, 60 / step);
    for (long time : times) {
      int r = rank.get(time);
      if (r % labelEvery == 0) {
        html.append("<text class=\"tick\" x=\"").append(LEFT_MARGIN + r * step + 2).append("\" y=\"")
            .append(axisY).append("\">").append(time).append("</text>");
      }
    }
    html.append('\n');
    for (Operation<I, O> op : ops) {
      int x1 = LEFT_MARGIN + rank.get(op.callTime()) * step + 2;
      int x2 = op.pending() ? width - 4 : LEFT_MARGIN + rank.get(op.returnTime().getAsLong()) * step + step - 2;
      int y = (firstRow.get(op.client()) + rowOf.get(op.id())) * LANE_HEIGHT + 4;
      boolean isFailing = failing.contains(op.id());
      Integer position = order.get(op.id());
      String description = model.describeOperation(op);
      html.append("<g class=\"op").append(isFailing ? " failing" : "").append(culprits.contains(op.id()) ? " culprit" : "")
          .append(position != null ? " linearized" : " unlinearized").append(op.pending() ? " pending" : "")
          .append("\" data-op-id=\"").append(op.id()).append("\" data-failing=\"").append(isFailing)
          .append("\" data-partition=\"").append(escape(label)).append("\" data-desc=\"").append(escape(description))
          .append("\"><title>").append(escape(description)).append("\nop ").append(op.id()).append(", client ")
          .append(op.client()).append(", ").append(interval(op))
          .append(position != null ? "\nlinearised as #" + position : "\nnot linearised").append("</title>")
          .append("<rect x=\"").append(x1).append("\" y=\"").append(y).append("\" width=\"")
          .append(Math.max(4, x2 - x1)).append("\" height=\"").append(LANE_HEIGHT - 10).append("\" rx=\"3\"/>")
          .append("<text x=\"").append(x1 + 3).append("\" y=\"").append(y + 14).append("\">")
          .append(escape(fit((position != null ? "#" + position + " " : "") + description, x2 - x1)))
          .append("</text></g>\n");
    }
    html.append("</svg></div>\n");
  }

  private static <S, I, O> void linearization(StringBuilder html, Model<S, I, O> model, PartitionResult<I, O> partition) {
    List<Operation<I, O>> order = partition.linearization();
    html.append("<details class=\"order\"").append(partition.verdict() == Verdict.OK ? "" : " open").append("><summary>")
        .append(partition.verdict() == Verdict.OK ? "Linearisation" : "Longest linearisable prefix found")
        .append(" (").append(order.size()).append(" operations)</summary>\n");
    int from = Math.max(0, order.size() - OPERATIONS_SHOWN_MAX);
    if (from > 0) {
      html.append("<p class=\"note\">The first ").append(from).append(" are left out.</p>\n");
    }
    html.append("<ol class=\"linearization\" start=\"").append(from + 1).append("\">\n");
    for (Operation<I, O> op : order.subList(from, order.size())) {
      html.append("<li data-op-id=\"").append(op.id()).append("\"><code>").append(escape(model.describeOperation(op)))
          .append("</code> <span class=\"meta\">client ").append(op.client()).append(", op ").append(op.id())
          .append(", ").append(interval(op)).append("</span></li>\n");
    }
    html.append("</ol></details>\n");
  }

  private static String interval(Operation<?, ?> op) {
    return op.pending() ? "called at " + op.callTime() + ", outcome unknown"
        : "[" + op.callTime() + ", " + op.returnTime().getAsLong() + "]";
  }

  /** Cuts a label to what fits in {@code widthPixels} of 11 px monospace text. */
  private static String fit(String text, int widthPixels) {
    int chars = Math.max(0, (widthPixels - 6) / 7);
    if (text.length() <= chars) {
      return text;
    }
    return chars <= 1 ? "" : text.substring(0, chars - 1) + "…";
  }

  /** {@code text} safe inside HTML text and quoted attributes (also used by the run report). */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final String LEGEND = """
      <p class="legend"><svg width="540" height="22"><g class="op linearized"><rect x="2" y="2" width="90" height="18" rx="3"/>\
      <text x="6" y="15">linearised</text></g><g class="op unlinearized"><rect x="100" y="2" width="100" height="18" rx="3"/>\
      <text x="104" y="15">not linearised</text></g><g class="op failing"><rect x="208" y="2" width="100" height="18" rx="3"/>\
      <text x="212" y="15">stuck here</text></g><g class="op failing culprit"><rect x="424" y="2" width="110" height="18" rx="3"/>\
      <text x="428" y="15">never possible</text></g><g class="op pending unlinearized"><rect x="316" y="2" width="100" height="18" rx="3"/>\
      <text x="320" y="15">outcome unknown</text></g></svg></p>
      """;

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1d2330;max-width:1500px}
      h1{font-size:22px;margin:0 0 8px}h2{font-size:17px}h3{font-size:15px;margin:12px 0 4px}
      code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
      .verdict{font-size:18px;font-weight:600;padding:8px 12px;border-radius:6px;display:inline-block}
      .verdict-OK{background:#e3f6e8;color:#145c2c}.verdict-ILLEGAL{background:#fde4e4;color:#8a1414}
      .verdict-UNKNOWN{background:#fff3d6;color:#6b4d00}
      .badge{font-size:12px;font-weight:700;padding:2px 6px;border-radius:4px;color:#fff}
      .badge-OK{background:#2e8b57}.badge-ILLEGAL{background:#c62828}.badge-UNKNOWN{background:#b8860b}
      section.partition{border:1px solid #d6dae3;border-radius:8px;margin:14px 0;padding:8px 14px}
      section.partition>details>summary{font-weight:600;cursor:pointer;font-size:15px}
      .explanation{background:#f6f7fa;padding:8px 10px;border-radius:6px;line-height:1.45}
      .timeline{overflow-x:auto;border:1px solid #eceef3;border-radius:6px;margin:8px 0}
      svg text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px}
      text.lane{fill:#555;font-family:system-ui,sans-serif;font-size:12px}text.tick{fill:#889;font-size:10px}line.lane{stroke:#eef0f4}
      .op rect{stroke-width:1.2}
      .op.linearized rect{fill:#dcebff;stroke:#5b8fd6}.op.unlinearized rect{fill:#f1f1f1;stroke:#9a9a9a}
      .op.pending rect{stroke-dasharray:4 3;fill-opacity:.55}
      .op.failing rect{fill:#ffd6d6;stroke:#c62828;stroke-width:2.4}.op.culprit rect{fill:#ff9e9e}
      li.op.failing[data-obstacle="never-possible"]{font-weight:600}
      .op.highlight rect{stroke:#111;stroke-width:3}
      li.op.failing{color:#8a1414}li.highlight,li.failing-link:hover{background:#fff3b0}
      li.failing-link{cursor:pointer}
      .meta{color:#667;font-size:12px}.note{color:#667;font-style:italic}
      #failing-summary h2{margin-bottom:4px}
      table.others{border-collapse:collapse}table.others td,table.others th{border:1px solid #ddd;padding:2px 8px}
      """;

  private static final String SCRIPT = """
      (function () {
        var summary = document.getElementById('failing-summary');
        var failing = document.querySelectorAll('svg g.op[data-failing="true"]');
        function highlight(id) {
          document.querySelectorAll('.highlight').forEach(function (e) { e.classList.remove('highlight'); });
          document.querySelectorAll('[data-op-id="' + id + '"]').forEach(function (e) { e.classList.add('highlight'); });
        }
        if (failing.length === 0) {
          var none = document.createElement('p');
          none.className = 'none';
          none.textContent = 'None: every partition is linearisable or undecided.';
          summary.appendChild(none);
        } else {
          var list = document.createElement('ul');
          failing.forEach(function (g) {
            var item = document.createElement('li');
            item.className = 'failing-link';
            item.setAttribute('data-target-op-id', g.getAttribute('data-op-id'));
            item.textContent = g.getAttribute('data-partition') + ': ' + g.getAttribute('data-desc')
                + ' (op ' + g.getAttribute('data-op-id') + ')';
            item.addEventListener('click', function () {
              g.scrollIntoView({block: 'center', inline: 'center'});
              highlight(g.getAttribute('data-op-id'));
            });
            list.appendChild(item);
          });
          summary.appendChild(list);
        }
        document.querySelectorAll('[data-op-id]').forEach(function (e) {
          e.addEventListener('mouseenter', function () { highlight(e.getAttribute('data-op-id')); });
        });
        // Wide time lines open scrolled to their first failing operation.
        document.querySelectorAll('.timeline').forEach(function (box) {
          var rect = box.querySelector('g.op.failing rect');
          if (rect) {
            box.scrollLeft = Math.max(0, rect.x.baseVal.value - box.clientWidth / 2);
          }
        });
        document.body.setAttribute('data-scripts-ran', 'true');
      })();
      """;
}
