package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omnisim check}: exit statuses and one-line messages for bad input. */
class CheckCommandTest {

  @TempDir Path dir;


  private static CommandRun omnisim(String... args) {
    return CommandRun.viaSystemStreams(args);
  }

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static final String PUT_A = "{\"id\": 0, \"client\": 0, \"call\": 0, \"return\": 10, \"f\": \"put\", \"key\": \"x\", \"value\": \"a\"}";

  @Test
  void linearizableIsZero() throws IOException {
    Path history = file("ok.jsonl", PUT_A,
        "{\"id\": 1, \"client\": 1, \"call\": 20, \"return\": 30, \"f\": \"get\", \"key\": \"x\", \"output\": \"a\"}");
    CommandRun run = omnisim("check", history.toString(), "--model", "kv");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("linearizable: 2 operations"), run.out());
  }

  @Test
  void notLinearizableIsOneAndWritesTheReport() throws IOException {
    Path history = file("stale.jsonl", PUT_A,
        "{\"id\": 1, \"client\": 1, \"call\": 20, \"return\": 30, \"f\": \"get\", \"key\": \"x\", \"output\": \"\"}");
    Path report = dir.resolve("report.html");
    CommandRun run = omnisim("check", history.toString(), "--model", "kv", "--report", report.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("op 1 (client 1): get(\"x\") → \"\""), run.out());
    assertTrue(Files.readString(report).contains("data-failing=\"true\""));
  }

  @Test
  void aClientsStaleReadAtTheInstantItsPutReturnedIsOne() throws IOException {
    // Issue 12's minimal case: the get is issued in the put's callback, at the same instant.
    Path history = file("program-order.jsonl", PUT_A,
        "{\"id\": 1, \"client\": 0, \"call\": 10, \"return\": 20, \"f\": \"get\", \"key\": \"x\", \"output\": \"\"}");
    CommandRun run = omnisim("check", history.toString(), "--model", "kv");
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.out().startsWith("NOT linearizable"), run.out());
  }

  @Test
  void unknownIsThree() throws IOException {
    // Fourteen concurrent writes, then reads of 3 and of 5: far more than 100 states to rule out.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      lines.add("{\"id\": " + i + ", \"client\": " + i + ", \"call\": 0, \"return\": 100, \"f\": \"write\", \"value\": " + i + "}");
    }
    lines.add("{\"id\": 98, \"client\": 98, \"call\": 200, \"return\": 210, \"f\": \"read\", \"output\": 3}");
    lines.add("{\"id\": 99, \"client\": 98, \"call\": 220, \"return\": 230, \"f\": \"read\", \"output\": 5}");
    Path history = file("hard.jsonl", lines.toArray(String[]::new));
    CommandRun run = omnisim("check", history.toString(), "--model", "register", "--max-cache-entries", "100");
    assertEquals(3, run.status(), run.err());
    assertTrue(run.out().contains("memory bound of 100"), run.out());
  }

  @Test
  void ednIsReadByExtensionOrFlag() throws IOException {
    Path history = file("h.txt", "{:type :invoke :process 0 :f :write :value 1}", "{:type :ok :process 0 :f :write :value 1}",
        "{:type :invoke :process 1 :f :read :value nil}", "{:type :ok :process 1 :f :read :value nil}");
    assertEquals(1, omnisim("check", history.toString(), "--model", "register", "--format", "edn").status());
    Path copy = Files.copy(history, dir.resolve("h.edn"));
    assertEquals(1, omnisim("check", copy.toString(), "--model", "cas-register").status());
  }

  @Test
  void badInputIsTwoWithOneMessageNamingFileLineAndProblem() throws IOException {
    Path history = file("bad.jsonl", PUT_A,
        "{\"id\": 1, \"client\": 1, \"call\": 20, \"return\": 5, \"f\": \"get\", \"key\": \"x\", \"output\": \"a\"}");
    CommandRun backwards = omnisim("check", history.toString(), "--model", "kv");
    assertEquals(2, backwards.status());
    assertEquals("omnisim check: " + history + ":2: operation 1 returns at 5, before its call at 20",
        backwards.err().strip());

    CommandRun duplicate = omnisim("check", file("dup.jsonl", PUT_A, PUT_A).toString(), "--model", "kv");
    assertEquals(2, duplicate.status());
    assertTrue(duplicate.err().strip().endsWith("dup.jsonl:2: duplicate id 0 (first used on line 1)"), duplicate.err());

    CommandRun unknownOperation = omnisim("check", file("op.jsonl",
        "{\"id\": 0, \"client\": 0, \"call\": 0, \"return\": 1, \"f\": \"delete\", \"key\": \"x\"}").toString(), "--model", "kv");
    assertEquals(2, unknownOperation.status());
    assertTrue(unknownOperation.err().contains("op.jsonl:1: unknown operation \"delete\""), unknownOperation.err());

    CommandRun malformed = omnisim("check", file("m.jsonl", PUT_A, "{\"id\": 1,").toString(), "--model", "kv");
    assertEquals(2, malformed.status());
    assertTrue(malformed.err().contains("m.jsonl:2: malformed JSON"), malformed.err());

    CommandRun missing = omnisim("check", dir.resolve("missing.jsonl").toString(), "--model", "kv");
    assertEquals(2, missing.status());
    assertTrue(missing.err().strip().endsWith("missing.jsonl: no such file"), missing.err());

    CommandRun model = omnisim("check", history.toString(), "--model", "queue");
    assertEquals(2, model.status());
    assertEquals("omnisim check: unknown model \"queue\" (expected one of kv, register, cas-register, set)",
        model.err().strip());

    for (CommandRun run : List.of(backwards, duplicate, unknownOperation, malformed, missing, model)) {
      assertEquals(1, run.err().strip().lines().count(), run.err());
    }
  }
}
