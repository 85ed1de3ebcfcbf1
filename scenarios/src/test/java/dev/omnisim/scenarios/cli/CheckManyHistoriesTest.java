package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omnisim check} on many histories in one call, in every format it reads: per-file verdict
 * lines, the summary, the worst verdict as exit status, {@code --json}, per-file reports with an
 * index, and one-line messages for bad input that stop the command before any history is checked.
 */
class CheckManyHistoriesTest {

  @TempDir Path dir;


  private static CommandRun omnisim(String... args) {
    return CommandRun.viaSystemStreams(args);
  }

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
    return file;
  }

  private static String kv(int id, int client, long call, long ret, String f, String key, String valueOrOutput) {
    String field = f.equals("get") ? "output" : "value";
    return String.format("{\"id\": %d, \"client\": %d, \"call\": %d, \"return\": %d, \"f\": \"%s\", \"key\": \"%s\", "
        + "\"%s\": \"%s\"}", id, client, call, ret, f, key, field, valueOrOutput);
  }

  private Path okHistory(String name) throws IOException {
    return file(name, kv(0, 0, 0, 10, "put", "x", "a"), kv(1, 1, 20, 30, "get", "x", "a"));
  }

  private Path staleHistory(String name) throws IOException {
    return file(name, kv(0, 0, 0, 10, "put", "x", "a"), kv(1, 0, 10, 20, "get", "x", ""));
  }

  /** Fourteen concurrent writes and two reads: undecided within 100 states. */
  private Path hardHistory(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      lines.add("{\"id\": " + i + ", \"client\": " + i + ", \"call\": 0, \"return\": 100, \"f\": \"put\", "
          + "\"key\": \"x\", \"value\": \"" + i + "\"}");
    }
    lines.add(kv(98, 98, 200, 210, "get", "x", "3"));
    lines.add(kv(99, 98, 220, 230, "get", "x", "5"));
    return file(name, lines.toArray(String[]::new));
  }

  @Test
  void aDirectoryGivesOneLinePerFileASummaryAndTheWorstVerdict() throws IOException {
    okHistory("many/a-ok.jsonl");
    staleHistory("many/b-stale.jsonl");
    okHistory("many/sub/c-ok.jsonl");
    file("many/notes.md", "not a history");
    CommandRun run = omnisim("check", dir.resolve("many").toString(), "--model", "kv");
    assertEquals(1, run.status(), run.err());
    List<String> verdictLines = run.out().lines().filter(l -> l.contains(".jsonl: ")).toList();
    assertEquals(3, verdictLines.size(), run.out());
    assertTrue(verdictLines.get(0).contains("a-ok.jsonl: linearizable: 2 operations in 1 partition(s)"), run.out());
    assertTrue(verdictLines.get(1).contains("b-stale.jsonl: NOT linearizable: 2 operations"), run.out());
    assertTrue(verdictLines.get(2).contains("c-ok.jsonl: linearizable"), run.out());
    assertTrue(run.out().contains("3 histories: 2 linearizable, 1 NOT linearizable, 0 unknown; 6 operations"), run.out());
  }

  @Test
  void exitStatusIsTheWorstVerdict() throws IOException {
    Path ok = okHistory("ok.jsonl");
    Path stale = staleHistory("stale.jsonl");
    Path hard = hardHistory("hard.jsonl");
    assertEquals(0, omnisim("check", ok.toString(), ok.toString(), "--model", "kv").status());
    assertEquals(3, omnisim("check", ok.toString(), hard.toString(), "--model", "kv",
        "--max-cache-entries", "100").status());
    assertEquals(1, omnisim("check", hard.toString(), stale.toString(), ok.toString(), "--model", "kv",
        "--max-cache-entries", "100").status());
  }

  @Test
  void jsonGivesEachFileItsPartitionsPrefixAndStuckOperations() throws IOException {
    Path ok = okHistory("ok.jsonl");
    Path stale = staleHistory("stale.jsonl");
    CommandRun run = omnisim("check", ok.toString(), stale.toString(), "--model", "kv", "--json");
    assertEquals(1, run.status(), run.err());
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().lines().toList()) {
      lines.add(mapper.readTree(line));
    }
    assertEquals(3, lines.size(), run.out());
    assertEquals("OK", lines.get(0).get("verdict").asText());
    JsonNode bad = lines.get(1);
    assertEquals(stale.toString(), bad.get("file").asText());
    assertEquals("ILLEGAL", bad.get("verdict").asText());
    JsonNode partition = bad.get("partitions").get(0);
    assertEquals("key \"x\"", partition.get("label").asText());
    assertTrue(partition.get("method").isTextual());
    assertEquals(1, partition.get("prefix").size());
    assertEquals("put", partition.get("prefix").get(0).get("f").asText(), "the prefix is operations as data");
    JsonNode stuck = partition.get("stuck").get(0);
    assertEquals(1, stuck.get("operation").get("id").asInt());
    assertEquals("NEVER_POSSIBLE", stuck.get("obstacle").asText());
    assertFalse(stuck.get("reason").asText().isEmpty());
    JsonNode summary = lines.get(2).get("summary");
    assertEquals(2, summary.get("histories").asInt());
    assertEquals(1, summary.get("ILLEGAL").asInt());
    assertEquals(1, summary.get("exitStatus").asInt());
  }

  @Test
  void reportForManyFilesWritesOnePageEachAndAnIndex() throws IOException {
    okHistory("in/ok.jsonl");
    staleHistory("in/stale.jsonl");
    Path reports = dir.resolve("reports");
    CommandRun run = omnisim("check", dir.resolve("in").toString(), "--model", "kv", "--report", reports.toString());
    assertEquals(1, run.status(), run.err());
    String index = Files.readString(reports.resolve("index.html"));
    assertTrue(index.contains("href=\"001-ok.jsonl.html\""), index);
    assertTrue(index.contains("data-verdict=\"ILLEGAL\"><td><a href=\"002-stale.jsonl.html\""), index);
    String stale = Files.readString(reports.resolve("002-stale.jsonl.html"));
    assertTrue(stale.contains("data-failing=\"true\""), stale);
    assertTrue(stale.contains("decided by <span class=\"method\">general search</span>"), "the method is named");
    assertTrue(Files.readString(reports.resolve("001-ok.jsonl.html")).contains("class=\"verdict verdict-OK\""));
  }

  @Test
  void aHundredSmallCasRegisterHistoriesAreAllDecided() throws IOException {
    SplittableRandom random = new SplittableRandom(12);
    int corrupted = 0;
    for (int h = 0; h < 100; h++) {
      List<String> events = new ArrayList<>();
      long register = 0;
      boolean corrupt = h % 4 == 0;
      corrupted += corrupt ? 1 : 0;
      events.add("{:process 0, :type :invoke, :f :write, :value 0}");
      events.add("{:process 0, :type :ok, :f :write, :value 0}");
      for (int i = 0; i < 20; i++) {
        int process = random.nextInt(3);
        long value = random.nextInt(4);
        switch (random.nextInt(3)) {
          case 0 -> {
            long seen = corrupt && i == 10 ? register + 1 : register;
            events.add("{:process " + process + ", :type :invoke, :f :read, :value nil}");
            events.add("{:process " + process + ", :type :ok, :f :read, :value " + seen + "}");
          }
          case 1 -> {
            events.add("{:process " + process + ", :type :invoke, :f :write, :value " + value + "}");
            events.add("{:process " + process + ", :type :ok, :f :write, :value " + value + "}");
            register = value;
          }
          default -> {
            events.add("{:process " + process + ", :type :invoke, :f :cas, :value [" + register + " " + value + "]}");
            events.add("{:process " + process + ", :type :ok, :f :cas, :value [" + register + " " + value + "]}");
            register = value;
          }
        }
      }
      if (corrupt) {
        // A read of a value never written, after everything: certainly not linearizable.
        events.add("{:process 7, :type :invoke, :f :read, :value nil}");
        events.add("{:process 7, :type :ok, :f :read, :value 99}");
      }
      file(String.format("cas/h%03d.edn", h), events.toArray(String[]::new));
    }
    CommandRun run = omnisim("check", dir.resolve("cas").toString(), "--model", "cas-register");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("100 histories: " + (100 - corrupted) + " linearizable, " + corrupted
        + " NOT linearizable, 0 unknown"), run.out());
  }

  @Test
  void porcupinesKeyValueFormatIsReadWithTheFlagOrRecognised() throws IOException {
    Path history = file("c01-bad.txt",
        "{:process 0, :type :invoke, :f :append, :key \"4\", :value \"x 0 0 y\"}",
        "{:process 1, :type :invoke, :f :get, :key \"4\", :value nil}",
        "{:process 0, :type :ok, :f :append, :key \"4\", :value \"x 0 0 y\"}",
        "{:process 1, :type :ok, :f :get, :key \"4\", :value \"x 0 0 y\"}",
        "{:process 1, :type :invoke, :f :put, :key \"5\", :value \"x 1 1 y\"}",
        "{:process 1, :type :ok, :f :put, :key \"5\", :value \"x 1 1 y\"}",
        "{:process 0, :type :invoke, :f :get, :key \"4\", :value nil}",
        "{:process 0, :type :ok, :f :get, :key \"4\", :value \"\"}");
    CommandRun recognised = omnisim("check", history.toString(), "--model", "kv");
    assertEquals(1, recognised.status(), recognised.err());
    assertTrue(recognised.out().startsWith("NOT linearizable: 4 operations in 2 partition(s)"), recognised.out());
    assertEquals(1, omnisim("check", history.toString(), "--model", "kv", "--format", "porcupine").status());
    CommandRun json = omnisim("check", history.toString(), "--model", "kv", "--json");
    assertTrue(json.out().contains("\"format\":\"porcupine\""), json.out());
  }

  @Test
  void theMethodThatDecidedEachPartitionIsPrinted() throws IOException {
    Path appends = file("appends.jsonl", kv(0, 0, 0, 10, "append", "x", "a"), kv(1, 1, 20, 30, "append", "x", "b"),
        kv(2, 2, 40, 50, "get", "x", "ba"), kv(3, 0, 11, 12, "put", "y", "p"));
    CommandRun run = omnisim("check", appends.toString(), "--model", "kv");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("(1 by general search, 1 by unique appends)"), run.out());
    assertTrue(run.out().contains("ILLEGAL key \"x\" (unique appends): "), run.out());
    CommandRun searchOnly = omnisim("check", appends.toString(), "--model", "kv", "--no-unique-appends");
    assertEquals(1, searchOnly.status(), searchOnly.err());
    assertTrue(searchOnly.out().contains("(2 by general search)"), searchOnly.out());
  }

  @Test
  void historiesWrittenAsJepsenEdnReadBackWithTheSameVerdict() throws IOException {
    Path stale = staleHistory("stale.jsonl");
    Path edn = dir.resolve("stale.edn");
    assertEquals(1, omnisim("check", stale.toString(), "--model", "kv", "--write-edn", edn.toString()).status());
    String text = Files.readString(edn);
    assertTrue(text.startsWith("{:index 0, :type :invoke, :f :write, :value [\"x\" \"a\"], :process 0, :time 0}"), text);
    CommandRun back = omnisim("check", edn.toString(), "--model", "kv");
    assertEquals(1, back.status(), back.err());
    Path ok = okHistory("ok.jsonl");
    Path okEdn = dir.resolve("ok.edn");
    assertEquals(0, omnisim("check", ok.toString(), "--model", "kv", "--write-edn", okEdn.toString()).status());
    assertEquals(0, omnisim("check", okEdn.toString(), "--model", "kv").status());
  }

  @Test
  void badInputAmongManyStopsBeforeAnyCheckWithOneLine() throws IOException {
    okHistory("mixed/a.jsonl");
    file("mixed/b.txt",
        "{:process 0, :type :invoke, :f :append, :key \"4\", :value \"x 0 0 y\"}",
        "{:process 0, :type :invoke, :f :delete, :key \"4\", :value nil}");
    CommandRun run = omnisim("check", dir.resolve("mixed").toString(), "--model", "kv");
    assertEquals(2, run.status());
    assertEquals("", run.out(), "nothing was checked");
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("b.txt:2: "), run.err());
  }

  @Test
  void eachKindOfBadInputIsOneLineNamingFileLineAndProblem() throws IOException {
    List<CommandRun> runs = new ArrayList<>();
    Path unknownF = file("f.txt", "{:process 0, :type :invoke, :f :cas, :key \"4\", :value \"x\"}");
    runs.add(expect(omnisim("check", unknownF.toString(), "--model", "kv"), "f.txt:1: unknown operation :cas for model kv"));
    Path noKey = file("k.txt", "{:process 0, :type :invoke, :f :get, :key \"4\", :value nil}",
        "{:process 0, :type :ok, :f :get, :value \"\"}");
    runs.add(expect(omnisim("check", noKey.toString(), "--model", "kv", "--format", "porcupine"),
        "k.txt:2: event has no :key"));
    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(latin1, (kv(0, 0, 0, 10, "put", "x", "a") + "\n" + kv(1, 0, 20, 30, "put", "x", "caf\u00e9") + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    runs.add(expect(omnisim("check", latin1.toString(), "--model", "kv"),
        "latin1.jsonl:2: not UTF-8 text (byte 0xE9 at column"));
    Files.createDirectories(dir.resolve("nothing"));
    file("nothing/readme.md", "hello");
    runs.add(expect(omnisim("check", dir.resolve("nothing").toString(), "--model", "kv"),
        "nothing: no history files in this directory"));
    runs.add(expect(omnisim("check", file("empty.jsonl").toString(), "--model", "kv"),
        "empty.jsonl: warning: no operations for model kv (the file is empty)"));
    Path onlyFailed = file("failed.edn", "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :fail, :f :write, :value 1}");
    runs.add(expect(omnisim("check", onlyFailed.toString(), "--model", "register"),
        "failed.edn: warning: no operations for model register"));
    runs.add(expect(omnisim("check", okHistory("a.jsonl").toString(), "--model", "kv", "--format", "yaml"),
        "unknown format \"yaml\""));
    CommandRun noReportDir = expect(omnisim("check", okHistory("b.jsonl").toString(), "--model", "kv", "--report",
        dir.resolve("no/such/dir/r.html").toString()), "cannot write the report: no directory");
    assertEquals("", noReportDir.out(), "refused before checking");
    runs.add(noReportDir);
    for (CommandRun run : runs) {
      assertEquals(2, run.status(), run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertFalse(run.err().contains("Exception") || run.err().contains("java."), run.err());
    }
  }

  private static CommandRun expect(CommandRun run, String message) {
    assertTrue(run.err().contains(message), () -> "expected \"" + message + "\" in: " + run.err());
    return run;
  }
}
