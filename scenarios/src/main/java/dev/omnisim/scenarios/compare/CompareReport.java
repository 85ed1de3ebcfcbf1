package dev.omnisim.scenarios.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code omnisim compare} prints and writes: the console table (one line per protocol × scenario ×
 * timeout, then Table 1), the JSON (one object per run, nothing that depends on the wall clock, so the
 * same seeds give the same bytes) and the self-contained HTML page (Table 1 and Figure-7-like bar
 * charts as inline SVG, no script, no network).
 */
public final class CompareReport {
  private CompareReport() {}

  /** The per-cell lines, then Table 1. */
  public static void console(CompareResults results, PrintWriter out) {
    out.printf(Locale.ROOT, "%-12s %-21s %8s  %-9s %-9s %-26s %-26s %s%n", "protocol", "scenario", "timeout", "verdict",
        "recovered", "down-time ms", "decided", "leader changes");
    for (CompareCell c : results.cells()) {
      out.printf(Locale.ROOT, "%-12s %-21s %5d ms  %-9s %-9s %-26s %-26s %s%n", c.protocol(), c.scenario(),
          c.electionTimeoutMs(), c.verdict().label(), c.recoveredCount() + "/" + c.runs().size(), c.downTimeMs(),
          c.decided(), c.leaderChanges());
    }
    out.println();
    out.println("Table 1 (over every election timeout; median [range] over seeds above):");
    out.printf(Locale.ROOT, "%-12s", "");
    for (String s : results.scenarios()) {
      out.printf(Locale.ROOT, " %-21s", s);
    }
    out.println();
    for (String p : results.protocols()) {
      out.printf(Locale.ROOT, "%-12s", p);
      for (String s : results.scenarios()) {
        out.printf(Locale.ROOT, " %-21s", results.verdict(p, s).label());
      }
      out.println();
    }
  }

  /** One JSON object per run, in matrix order; a run the harness stopped also carries its failure. */
  public static String json(CompareResults results) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (CompareRun r : results.runs()) {
      ObjectNode o = array.addObject();
      o.put("protocol", r.protocol());
      o.put("scenario", r.scenario());
      o.put("electionTimeoutMs", r.electionTimeoutMs());
      o.put("seed", r.seed());
      o.put("recovered", r.recovered());
      o.put("downTimeMs", r.downTimeMs());
      o.put("decided", r.decided());
      o.put("leaderChanges", r.leaderChanges());
      if (r.failure() != null) {
        o.put("failure", r.failure());
      }
    }
    try {
      return mapper.writeValueAsString(array) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing the comparison as JSON", e);
    }
  }

  /** The self-contained page: conditions, Table 1, and per scenario two bar charts (decided, down-time). */
  public static String html(CompareResults results, String conditions) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>omnisim compare</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #bbb;padding:4px 10px;text-align:left}")
        .append(".recovers{background:#d8f0d8}.deadlock{background:#f4d0d0}.livelock{background:#f8e4b8}")
        .append("svg{margin:0 1em 1em 0;border:1px solid #ddd}.charts{display:flex;flex-wrap:wrap}")
        .append("</style></head>\n<body>\n<h1>Partial connectivity: recovery by protocol</h1>\n<p class=\"conditions\">")
        .append(escape(conditions)).append("</p>\n");
    h.append("<h2>Table 1</h2>\n<p>Recovers: entries are decided again in the last quarter of the window. Otherwise ")
        .append("livelock when leaders keep changing (at least ").append(Verdict.LIVELOCK_LEADER_CHANGES)
        .append(" leader changes in the window), deadlock when they do not.</p>\n<table id=\"verdicts\"><tr><th>protocol</th>");
    for (String s : results.scenarios()) {
      h.append("<th>").append(escape(s)).append("</th>");
    }
    h.append("</tr>\n");
    for (String p : results.protocols()) {
      h.append("<tr data-protocol=\"").append(escape(p)).append("\"><th>").append(escape(p)).append("</th>");
      for (String s : results.scenarios()) {
        Verdict v = results.verdict(p, s);
        h.append("<td class=\"").append(v.label()).append("\" data-scenario=\"").append(escape(s)).append("\">")
            .append(v.label()).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    for (String s : results.scenarios()) {
      h.append("<h2>").append(escape(s)).append("</h2>\n<div class=\"charts\">\n");
      h.append(chart(results, s, "decided proposals in the window", CompareCell::decided));
      h.append(chart(results, s, "down-time (ms)", CompareCell::downTimeMs));
      h.append("</div>\n");
    }
    h.append("<h2>Every cell</h2>\n<table id=\"cells\"><tr><th>protocol</th><th>scenario</th><th>timeout</th>")
        .append("<th>verdict</th><th>recovered</th><th>down-time ms</th><th>decided</th><th>leader changes</th></tr>\n");
    for (CompareCell c : results.cells()) {
      h.append("<tr><td>").append(escape(c.protocol())).append("</td><td>").append(escape(c.scenario()))
          .append("</td><td>").append(c.electionTimeoutMs()).append(" ms</td><td class=\"").append(c.verdict().label())
          .append("\">").append(c.verdict().label()).append("</td><td>").append(c.recoveredCount()).append('/')
          .append(c.runs().size()).append("</td><td>").append(c.downTimeMs()).append("</td><td>").append(c.decided())
          .append("</td><td>").append(c.leaderChanges()).append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  private static final List<String> COLOURS = List.of("#1b6ac9", "#e07b00", "#2a9d3a", "#c0392b", "#7d3cb5", "#666");

  /** Bars grouped by election timeout, one per protocol, with the range over seeds as a whisker. */
  private static String chart(CompareResults results, String scenario, String title,
      java.util.function.Function<CompareCell, CompareCell.Spread> measure) {
    List<String> protocols = results.protocols();
    List<Long> timeouts = results.timeouts();
    List<CompareCell> cells = results.cells().stream().filter(c -> c.scenario().equals(scenario)).toList();
    long max = Math.max(1, cells.stream().mapToLong(c -> measure.apply(c).max()).max().orElse(1));
    int bar = 18;
    int group = protocols.size() * bar + 20;
    int width = Math.max(70 + timeouts.size() * group + 10, 80 + protocols.size() * 95);
    int height = 260;
    int plot = 180;
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" data-scenario=\"").append(escape(scenario)).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">")
        .append("<text x=\"6\" y=\"16\" font-size=\"13\">").append(escape(title)).append("</text>")
        .append("<text x=\"6\" y=\"34\" font-size=\"10\">max ").append(max).append("</text>")
        .append("<line x1=\"60\" y1=\"").append(20 + plot).append("\" x2=\"").append(width - 5).append("\" y2=\"")
        .append(20 + plot).append("\" stroke=\"#444\"/>");
    for (int t = 0; t < timeouts.size(); t++) {
      int x0 = 70 + t * group;
      s.append("<text x=\"").append(x0).append("\" y=\"").append(height - 40).append("\" font-size=\"11\">")
          .append(timeouts.get(t)).append(" ms</text>");
      for (int p = 0; p < protocols.size(); p++) {
        String protocol = protocols.get(p);
        long timeout = timeouts.get(t);
        CompareCell cell = cells.stream().filter(c -> c.protocol().equals(protocol) && c.electionTimeoutMs() == timeout)
            .findFirst().orElse(null);
        if (cell == null) {
          continue;
        }
        CompareCell.Spread v = measure.apply(cell);
        int x = x0 + p * bar;
        int hMedian = (int) Math.round((double) plot * v.median() / max);
        s.append("<rect class=\"bar\" data-protocol=\"").append(escape(protocol)).append("\" data-timeout=\"")
            .append(timeout).append("\" data-value=\"").append(v.median()).append("\" x=\"").append(x).append("\" y=\"")
            .append(20 + plot - hMedian).append("\" width=\"").append(bar - 3).append("\" height=\"").append(hMedian)
            .append("\" fill=\"").append(COLOURS.get(p % COLOURS.size())).append("\"><title>").append(escape(protocol))
            .append(", ").append(timeout).append(" ms: ").append(v).append("</title></rect>");
        int yMin = 20 + plot - (int) Math.round((double) plot * v.min() / max);
        int yMax = 20 + plot - (int) Math.round((double) plot * v.max() / max);
        int cx = x + (bar - 3) / 2;
        s.append("<line x1=\"").append(cx).append("\" y1=\"").append(yMin).append("\" x2=\"").append(cx)
            .append("\" y2=\"").append(yMax).append("\" stroke=\"#000\"/>");
      }
    }
    for (int p = 0; p < protocols.size(); p++) {
      s.append("<rect x=\"").append(70 + p * 95).append("\" y=\"").append(height - 18).append("\" width=\"10\" height=\"10\" fill=\"")
          .append(COLOURS.get(p % COLOURS.size())).append("\"/><text x=\"").append(84 + p * 95).append("\" y=\"")
          .append(height - 9).append("\" font-size=\"11\">").append(escape(protocols.get(p))).append("</text>");
    }
    return s.append("</svg>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
