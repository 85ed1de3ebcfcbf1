package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code omnisim compare} on a small matrix: its outputs, their determinism, and bad input. */
class CompareCommandTest {
  private static final String[] SMALL = {"compare", "--protocols", "omnipaxos", "--scenarios", "quorum-loss,chained",
    "--timeouts", "50", "--seeds", "1..2", "--window-ms", "2000"};

  private static String[] small(String... more) {
    String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
    System.arraycopy(more, 0, args, SMALL.length, more.length);
    return args;
  }

  @Test
  void theSameSeedsGiveByteIdenticalJsonWhateverTheThreads(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.json");
    Path two = dir.resolve("two.json");
    CommandRun first = CommandRun.omnisim(small("--threads", "1", "--json", one.toString()));
    CommandRun second = CommandRun.omnisim(small("--threads", "2", "--json", two.toString()));
    assertEquals(0, first.status(), first.out() + first.err());
    assertEquals(0, second.status(), second.out() + second.err());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "same seeds, same bytes");

    JsonNode runs = new ObjectMapper().readTree(one.toFile());
    assertEquals(4, runs.size(), "one object per protocol, scenario, timeout and seed");
    JsonNode r = runs.get(0);
    assertEquals(List.of("protocol", "scenario", "electionTimeoutMs", "seed", "recovered", "downTimeMs", "decided",
        "leaderChanges"), iterable(r.fieldNames()));
    assertEquals("omnipaxos", r.get("protocol").asText());
    assertEquals("quorum-loss", r.get("scenario").asText());
    assertEquals(50, r.get("electionTimeoutMs").asLong());
    assertEquals(1, r.get("seed").asLong());
    assertTrue(r.get("recovered").asBoolean());
    assertTrue(first.out().contains("Table 1"), first.out());
    assertTrue(first.out().lines().anyMatch(l -> l.startsWith("omnipaxos") && l.contains("recovers")), first.out());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"--protocols=nope", "--scenarios=star", "--timeouts=0", "--timeouts=abc", "--timeouts=55",
      "--seeds=3..1", "--window-ms=0", "--threads=0"})
  void badInputIsOneLineAndExitStatusTwoBeforeAnyRun(String option) {
    CommandRun run = CommandRun.omnisim("compare", option);
    assertEquals(2, run.status(), run.err());
    assertEquals(1, run.errLines().size(), "one line: " + run.err());
    String line = run.errLines().get(0);
    assertTrue(line.startsWith("omnisim: "), line);
    assertTrue(line.contains(option.substring(option.indexOf('=') + 1)), "names the value: " + line);
    assertFalse(line.contains("Exception") || line.contains("dev.omnisim"), "no class names: " + line);
    assertEquals("", run.out(), "no work started");
  }

  @Test
  void anUnknownProtocolListsTheKnownOnes() {
    CommandRun run = CommandRun.omnisim("compare", "--protocols", "omnipaxos,raft-typo");
    assertEquals(2, run.status());
    assertEquals(List.of("omnisim: unknown protocol 'raft-typo' (--protocols); known: "
        + String.join(", ", dev.omnisim.scenarios.Protocols.names())), run.errLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run basic-one", "suite", "fuzz --count 1", "grade --submission x.jar"})
  void everyCommandWithProtocolRefusesAnUnknownName(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--protocol", "paxos-typo", "--out", System.getProperty("java.io.tmpdir") + "/omnisim-proto"));
    CommandRun run = CommandRun.omnisim(args.toArray(String[]::new));
    assertEquals(2, run.status(), run.out() + run.err());
    assertEquals(List.of("omnisim: unknown protocol 'paxos-typo' (--protocol); known: "
        + String.join(", ", dev.omnisim.scenarios.Protocols.names())), run.errLines());
    assertFalse(run.out().contains("Test:"), "no run started: " + run.out());
  }

  @Test
  void theDefaultProtocolIsOmnipaxosAndItIsNamedInTheHelp() {
    CommandRun run = CommandRun.omnisim("run", "--help");
    assertTrue(run.out().contains("--protocol=NAME") && run.out().contains("omnipaxos"), run.out());
    CommandRun passing = CommandRun.omnisim("run", "basic-one", "--protocol", "omnipaxos", "--out",
        System.getProperty("java.io.tmpdir") + "/omnisim-proto");
    assertEquals(0, passing.status(), passing.out());
  }

  @Test
  void gradeSaysInItsHelpWhatTheProtocolMeansThere() {
    CommandRun help = CommandRun.omnisim("grade", "--help");
    assertTrue(help.out().contains("--protocol NAME runs a submission of the key-value layer over that protocol"),
        help.out());
  }
}
