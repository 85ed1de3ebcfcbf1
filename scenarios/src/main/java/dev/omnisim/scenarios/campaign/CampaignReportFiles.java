package dev.omnisim.scenarios.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link CampaignReport} as files: {@code summary.txt} (what the command prints), {@code campaign.json},
 * {@code campaign.html} (one self-contained page: no scripts, styles or fonts from elsewhere) and {@code
 * seeds.jsonl}, the merged records, one per seed in seed order.
 */
public final class CampaignReportFiles {
  /** How many failed seeds of one kind the summary lists. */
  private static final int LISTED_PER_KIND_MAX = 20;

  private CampaignReportFiles() {}

  /** Writes the four files into {@code folder}. */
  public static void write(CampaignReport report, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("summary.txt"), summary(report), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("campaign.json"), json(report) + "\n", StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("campaign.html"), html(report), StandardCharsets.UTF_8);
    try (Writer w = Files.newBufferedWriter(folder.resolve(SeedLog.FILE), StandardCharsets.UTF_8)) {
      for (SeedRecord r : report.records()) {
        w.write(r.toJsonLine());
        w.write('\n');
      }
    }
  }

  /** The summary a person reads: failures first, then nondeterminism, missing shards, totals. */
  public static String summary(CampaignReport r) {
    StringBuilder out = new StringBuilder();
    out.append("campaign ").append(r.campaign()).append(", omnisim ");
    out.append(String.join(" + ", r.builds().stream().map(BuildInfo::describe).toList())).append('\n');
    if (r.failed() > 0) {
      out.append("\nFAILURES (").append(r.failed()).append(" seeds)\n");
      for (Map.Entry<String, List<CampaignReport.FailedSeed>> e : r.failuresByKind().entrySet()) {
        out.append("  ").append(e.getKey()).append(": ").append(e.getValue().size()).append(" seed(s)\n");
        for (CampaignReport.FailedSeed f : e.getValue().subList(0, Math.min(LISTED_PER_KIND_MAX, e.getValue().size()))) {
          out.append("    seed ").append(f.seed()).append(":  ").append(f.replay()).append('\n');
        }
        if (e.getValue().size() > LISTED_PER_KIND_MAX) {
          out.append("    … and ").append(e.getValue().size() - LISTED_PER_KIND_MAX).append(" more (campaign.json)\n");
        }
      }
    }
    if (!r.nondeterministic().isEmpty()) {
      out.append("\nNONDETERMINISTIC (").append(r.nondeterministic().size())
          .append(" seeds recorded twice with different fingerprints)\n");
      for (CampaignReport.Divergence d : r.nondeterministic()) {
        out.append("  seed ").append(d.seed()).append(": ").append(String.join("; ", d.fingerprints())).append('\n');
      }
    }
    List<CampaignReport.Shard> incomplete = r.shards().stream().filter(s -> !s.complete()).toList();
    if (!r.missingShards().isEmpty() || !incomplete.isEmpty()) {
      out.append("\nINCOMPLETE\n");
      if (!r.missingShards().isEmpty()) {
        out.append("  missing shards: ").append(r.missingShards()).append(" of ").append(r.shardCount()).append('\n');
      }
      for (CampaignReport.Shard s : incomplete) {
        out.append(String.format(Locale.ROOT, "  shard %d/%d (%s): %d of %d seeds recorded, state %s%s%n", s.index(),
            r.shardCount(), s.folder(), s.recordedSeeds(), s.plannedSeeds(), s.state(),
            s.tornLastLine() ? ", last line torn" : ""));
      }
    }
    out.append(String.format(Locale.ROOT, "%nseeds: %d of %d recorded, %d passed, %d failed; %d shard folder(s) of %d%s%n",
        r.recordedSeeds(), r.plannedSeeds(), r.passed(), r.failed(), r.shards().size(), r.shardCount(),
        r.repeatedSameResult() > 0 ? "; " + r.repeatedSameResult() + " seed(s) recorded twice alike" : ""));
    out.append(String.format(Locale.ROOT, "rate: %.1f seeds/s per shard (seeds / %.1f s of summed shard wall time),"
        + " %.1f seeds/s for the campaign (seeds / %.1f s of the longest shard); JVM start excluded%n",
        r.seedsPerShardSecond(), r.shardWallSeconds(), r.seedsPerCampaignSecond(), r.longestShardWallSeconds()));
    return out.toString();
  }

  /** The report as JSON (without the per-seed records, which {@code seeds.jsonl} holds). */
  public static String json(CampaignReport r) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = mapper.createObjectNode();
    o.put("campaign", r.campaign());
    o.put("scenario", r.scenario());
    o.put("firstSeed", r.firstSeed());
    o.put("lastSeed", r.lastSeed());
    o.put("shardCount", r.shardCount());
    ArrayNode builds = o.putArray("builds");
    r.builds().forEach(b -> builds.addObject().put("version", b.version()).put("commit", b.commit()));
    o.put("plannedSeeds", r.plannedSeeds());
    o.put("recordedSeeds", r.recordedSeeds());
    o.put("passed", r.passed());
    o.put("failed", r.failed());
    o.put("complete", r.complete());
    o.put("shardWallSeconds", r.shardWallSeconds());
    o.put("longestShardWallSeconds", r.longestShardWallSeconds());
    o.put("seedsPerShardSecond", r.seedsPerShardSecond());
    o.put("seedsPerCampaignSecond", r.seedsPerCampaignSecond());
    ObjectNode kinds = o.putObject("failuresByKind");
    r.failuresByKind().forEach((kind, seeds) -> {
      ArrayNode list = kinds.putArray(kind);
      seeds.forEach(f -> list.addObject().put("seed", f.seed()).put("fingerprint", f.fingerprint())
          .put("evidence", f.evidence()).put("replay", f.replay()));
    });
    ArrayNode nondeterministic = o.putArray("nondeterministic");
    r.nondeterministic().forEach(d -> {
      ObjectNode n = nondeterministic.addObject().put("seed", d.seed());
      d.fingerprints().forEach(n.putArray("fingerprints")::add);
    });
    o.put("repeatedSameResult", r.repeatedSameResult());
    ArrayNode missing = o.putArray("missingShards");
    r.missingShards().forEach(missing::add);
    ArrayNode shards = o.putArray("shards");
    r.shards().forEach(s -> shards.addObject().put("index", s.index()).put("folder", s.folder()).put("state", s.state())
        .put("plannedSeeds", s.plannedSeeds()).put("recordedSeeds", s.recordedSeeds()).put("complete", s.complete())
        .put("wallSeconds", s.wallSeconds()).put("tornLastLine", s.tornLastLine()));
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the campaign report could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** One self-contained page: the verdict, failures by kind with replay commands, nondeterminism, shards. */
  public static String html(CampaignReport r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>omnisim campaign ")
        .append(esc(r.campaign())).append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:72em}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;"
            + "text-align:left}code{font:13px ui-monospace,monospace}.bad{color:#b00020}.ok{color:#1b5e20}"
            + ".warn{color:#8a5300}</style></head><body>\n");
    String verdict = r.failed() > 0 || !r.nondeterministic().isEmpty() ? "<span class=\"bad\">failures found</span>"
        : r.complete() ? "<span class=\"ok\">all seeds passed</span>" : "<span class=\"warn\">incomplete</span>";
    h.append("<h1>Campaign: ").append(esc(r.campaign())).append("</h1>\n<p>").append(verdict).append(" — ")
        .append(r.recordedSeeds()).append(" of ").append(r.plannedSeeds()).append(" seeds recorded, ").append(r.passed())
        .append(" passed, ").append(r.failed()).append(" failed. omnisim ")
        .append(esc(String.join(" + ", r.builds().stream().map(BuildInfo::describe).toList()))).append(".</p>\n");
    h.append(String.format(Locale.ROOT, "<p>%.1f seeds/s per shard, %.1f seeds/s for the campaign (JVM start excluded)."
        + "</p>%n", r.seedsPerShardSecond(), r.seedsPerCampaignSecond()));
    h.append("<h2>Failures by kind</h2>\n");
    if (r.failuresByKind().isEmpty()) {
      h.append("<p>None.</p>\n");
    }
    for (Map.Entry<String, List<CampaignReport.FailedSeed>> e : r.failuresByKind().entrySet()) {
      h.append("<h3>").append(esc(e.getKey())).append(" (").append(e.getValue().size()).append(")</h3>\n<table>"
          + "<tr><th>seed</th><th>fingerprint</th><th>replay</th></tr>\n");
      for (CampaignReport.FailedSeed f : e.getValue()) {
        h.append("<tr><td>").append(f.seed()).append("</td><td><code>").append(esc(f.fingerprint()))
            .append("</code></td><td><code>").append(esc(f.replay())).append("</code></td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<h2>Nondeterminism</h2>\n");
    if (r.nondeterministic().isEmpty()) {
      h.append("<p>No seed was recorded twice with different fingerprints.</p>\n");
    } else {
      h.append("<table><tr><th>seed</th><th>fingerprints seen</th></tr>\n");
      r.nondeterministic().forEach(d -> h.append("<tr class=\"bad\"><td>").append(d.seed()).append("</td><td>")
          .append(esc(String.join("; ", d.fingerprints()))).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    h.append("<h2>Shards</h2>\n");
    if (!r.missingShards().isEmpty()) {
      h.append("<p class=\"warn\">Missing shards: ").append(esc(r.missingShards().toString())).append("</p>\n");
    }
    h.append("<table><tr><th>shard</th><th>folder</th><th>state</th><th>seeds recorded</th><th>wall s</th></tr>\n");
    for (CampaignReport.Shard s : r.shards()) {
      h.append("<tr").append(s.complete() ? "" : " class=\"warn\"").append("><td>").append(s.index()).append('/')
          .append(r.shardCount()).append("</td><td><code>").append(esc(s.folder())).append("</code></td><td>")
          .append(esc(s.state())).append("</td><td>").append(s.recordedSeeds()).append(" / ").append(s.plannedSeeds())
          .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", s.wallSeconds())).append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
