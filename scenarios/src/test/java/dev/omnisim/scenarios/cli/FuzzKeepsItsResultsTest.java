package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.campaign.SeedLog;
import dev.omnisim.scenarios.campaign.SeedRecord;
import dev.omnisim.scenarios.campaign.ShardManifest;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "fuzz keeps its results" and issue 15's "interrupt and resume": a fuzz process interrupted with
 * SIGINT after failures were found prints its summary and leaves each failure's evidence whole and small; a
 * shard killed outright and started again finishes without running a recorded seed twice; {@code
 * --max-failures} and {@code --time-limit} end a run with its records complete. The broken submission that
 * forgets to persist fails every fuzz-3 seed at its first restart, which gets failures fast.
 */
class FuzzKeepsItsResultsTest {
  @TempDir Path dir;

  @Test
  void sigintAfterFailuresPrintsTheSummaryAndLeavesEveryFailureWithItsSmallEvidence() throws Exception {
    Path jar = ChildOmnisim.submissionJar(dir, "forgets", BrokenSubmissions.ForgetsToPersist.class);
    Path out = dir.resolve("out");
    ChildOmnisim fuzz = ChildOmnisim.start(dir, "fuzz", Map.of(), "fuzz", "--scenario", "fuzz-3", "--count", "100000",
        "--threads", "1", "--submission", jar.toString(), "--out", out.toString());
    ChildOmnisim.awaitLines(out.resolve(SeedLog.FILE), "\"failed\"", 2, fuzz);
    fuzz.interrupt();
    assertEquals(130, fuzz.waitFor(), fuzz.out() + fuzz.err());

    List<SeedRecord> records = SeedLog.read(out.resolve(SeedLog.FILE)).records();
    List<SeedRecord> failed = records.stream().filter(r -> !r.passed()).toList();
    assertTrue(failed.size() >= 2, records.toString());
    String printed = fuzz.out();
    assertTrue(printed.contains("interrupted: every seed recorded so far is in"), printed);
    assertTrue(printed.contains("FAILURES (" + failed.size() + ")"), printed);
    for (SeedRecord f : failed) {
      Path evidence = out.resolve(f.evidence());
      assertTrue(printed.contains("replay: ./omnisim run --schedule " + evidence.resolve("schedule.json") + " --seed "
          + f.seed() + " --submission " + jar), printed);
      for (String file : List.of("schedule.json", "failure.txt", "history.jsonl")) {
        assertTrue(Files.size(evidence.resolve(file)) > 0, evidence.resolve(file) + " is there and not empty");
      }
      assertTrue(folderBytes(evidence) < 100 * 1024, evidence + " holds " + folderBytes(evidence) + " bytes");
      assertTrue(Files.readString(evidence.resolve("failure.txt")).contains("kind:        " + f.failureKind()));
    }
    assertEquals("interrupted", ShardManifest.read(out).state());
  }

  @Test
  void aShardKilledMidRunAndStartedAgainCompletesWithoutRepeatingARecordedSeed() throws Exception {
    Path out = dir.resolve("shard");
    String[] args = {"fuzz", "--scenario", "fuzz-3", "--seeds", "1..5", "--threads", "1", "--shard", "0/1", "--out",
        out.toString()};
    ChildOmnisim first = ChildOmnisim.start(dir, "first", Map.of(), args);
    ChildOmnisim.awaitLines(out.resolve(SeedLog.FILE), "\"seed\"", 2, first);
    first.process.destroyForcibly(); // SIGKILL: no hook runs, as when a node is lost
    first.waitFor();
    List<String> before = Files.readAllLines(out.resolve(SeedLog.FILE));
    assertTrue(before.size() >= 2 && before.size() < 5, before.toString());
    // A kill can land in the middle of a line; the restart drops such a torn line and runs its seed again.
    Files.writeString(out.resolve(SeedLog.FILE), "{\"scenario\":\"fuzz-3\",\"se", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    ChildOmnisim second = ChildOmnisim.start(dir, "second", Map.of(), args);
    assertEquals(0, second.waitFor(), second.out() + second.err());
    assertTrue(second.out().contains(before.size() + " already recorded"), second.out());
    assertTrue(second.err().contains("torn line"), second.err());
    List<String> after = Files.readAllLines(out.resolve(SeedLog.FILE));
    assertEquals(before, after.subList(0, before.size()), "the records of the first start are kept as they were");
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ShardedFuzzEqualsUnshardedTest.bySeed(out.resolve(SeedLog.FILE)).keySet()
        .stream().toList());
    assertEquals(ShardManifest.COMPLETE, ShardManifest.read(out).state());
    assertEquals(2, ShardManifest.read(out).sessions());
  }

  @Test
  void maxFailuresStopsStartingSeedsAndTheRecordsStayComplete() throws Exception {
    Path jar = ChildOmnisim.submissionJar(dir, "forgets", BrokenSubmissions.ForgetsToPersist.class);
    Path out = dir.resolve("max");
    CommandRun run = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--count", "50", "--threads", "1",
        "--max-failures", "2", "--evidence", "full", "--submission", jar.toString(), "--out", out.toString());
    assertEquals(1, run.status(), run.out() + run.err());
    List<SeedRecord> records = SeedLog.read(out.resolve(SeedLog.FILE)).records();
    assertEquals(2, records.size());
    Path evidence = out.resolve(records.get(0).evidence());
    for (String file : List.of("schedule.json", "failure.txt", "history.jsonl", "trace.txt", "run.html", "report.html")) {
      assertTrue(Files.exists(evidence.resolve(file)), "--evidence full writes " + file);
    }
    // The replay command in the records reproduces the failure, fingerprint for fingerprint.
    CommandRun replay = CommandRun.omnisim("run", "--schedule", evidence.resolve("schedule.json").toString(), "--seed",
        Long.toString(records.get(0).seed()), "--submission", jar.toString(), "--out", dir.resolve("replay").toString());
    assertEquals(1, replay.status(), replay.out());
    assertTrue(replay.out().contains("fingerprint " + records.get(0).fingerprint()), replay.out());
    assertTrue(run.out().contains("48 not run (max failures)"), run.out());
    assertEquals("max failures", ShardManifest.read(out).state());
  }

  @Test
  void aTimeLimitEndsTheRunWithWholeRecordsAndResumeGoesOn() throws Exception {
    Path out = dir.resolve("timed");
    CommandRun run = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--count", "100000", "--threads", "1",
        "--time-limit", "0.5", "--out", out.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    SeedLog.Contents contents = SeedLog.read(out.resolve(SeedLog.FILE));
    assertFalse(contents.tornLastLine());
    int recorded = contents.records().size();
    assertTrue(recorded < 100_000, run.out());
    assertTrue(run.out().contains("not run (time limit)"), run.out());
    assertEquals("time limit", ShardManifest.read(out).state());
    CommandRun again = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--count", "100000", "--threads", "1",
        "--time-limit", "0.5", "--resume", "--out", out.toString());
    assertEquals(0, again.status(), again.out() + again.err());
    assertTrue(again.out().contains(recorded + " already recorded"), again.out());
    ShardedFuzzEqualsUnshardedTest.bySeed(out.resolve(SeedLog.FILE)); // no seed twice
  }

  private static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
