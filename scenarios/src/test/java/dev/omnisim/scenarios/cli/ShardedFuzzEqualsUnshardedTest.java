package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnisim.scenarios.campaign.SeedLog;
import dev.omnisim.scenarios.campaign.SeedRecord;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's "sharded equals unsharded": shard processes started as Kubernetes (4, with {@code
 * JOB_COMPLETION_INDEX}) and Slurm (3, with {@code SLURM_ARRAY_TASK_ID}) would start them, merged, record
 * exactly the seeds, verdicts and fingerprints of one unsharded run, the failures of a broken submission each
 * exactly once. Small on purpose (fuzz-3, 8 and 6 seeds): it runs in CI on a shared 2-core machine.
 */
class ShardedFuzzEqualsUnshardedTest {
  @TempDir Path dir;

  @Test
  void fourKubernetesShardsOfABrokenSubmissionRecordTheUnshardedRunAndEachFailureOnce() throws Exception {
    Path jar = ChildOmnisim.submissionJar(dir, "local-reads", BrokenSubmissions.LocalReadsAnywhere.class);
    List<ChildOmnisim> shards = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      shards.add(ChildOmnisim.start(dir.resolve("logs"), "k8s-" + k, Map.of("JOB_COMPLETION_INDEX",
          Integer.toString(k), "OMNISIM_SHARD_COUNT", "4"), "fuzz", "--scenario", "fuzz-3", "--seeds", "1..8",
          "--threads", "1", "--shard", "auto", "--submission", jar.toString(), "--out",
          dir.resolve("k8s/shard-" + k).toString()));
    }
    CommandRun whole = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--seeds", "1..8", "--threads", "1",
        "--submission", jar.toString(), "--out", dir.resolve("whole").toString());
    assertEquals(1, whole.status(), whole.out() + whole.err());
    Map<Long, String> expected = bySeed(dir.resolve("whole").resolve(SeedLog.FILE));
    assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("failed"))
        && expected.values().stream().anyMatch(v -> v.startsWith("passed")), "the broken submission fails some seeds: "
        + expected);
    for (int k = 0; k < 4; k++) {
      ChildOmnisim shard = shards.get(k);
      int status = shard.waitFor();
      assertTrue(status == 0 || status == 1, "exit " + status + ": " + shard.out() + shard.err());
      assertTrue(shard.out().contains("shard " + k + "/4 from Kubernetes (JOB_COMPLETION_INDEX=" + k), shard.out());
    }

    CommandRun merged = CommandRun.omnisim("campaign", "merge", dir.resolve("k8s").toString(), "--out",
        dir.resolve("k8s-report").toString());
    assertEquals(1, merged.status(), merged.out() + merged.err());
    assertEquals(expected, bySeed(dir.resolve("k8s-report").resolve(SeedLog.FILE)));
    List<Long> failedOnce = new ArrayList<>();
    JsonNode report = new ObjectMapper().readTree(dir.resolve("k8s-report/campaign.json").toFile());
    report.get("failuresByKind").forEach(kind -> kind.forEach(f -> failedOnce.add(f.get("seed").asLong())));
    failedOnce.sort(Long::compare);
    List<Long> failedWhole = expected.entrySet().stream().filter(e -> e.getValue().startsWith("failed"))
        .map(Map.Entry::getKey).toList();
    assertEquals(failedWhole, failedOnce, "every failure of the unsharded run, each exactly once");
    assertTrue(merged.out().indexOf("FAILURES") < merged.out().indexOf("seeds: 8 of 8 recorded"), merged.out());
    assertTrue(merged.out().contains("--submission local-reads.jar"), merged.out());

    // Without one shard's folder the same comparison fails, and the merge names the missing shard.
    CommandRun partial = CommandRun.omnisim("campaign", "merge", dir.resolve("k8s/shard-0").toString(),
        dir.resolve("k8s/shard-1").toString(), dir.resolve("k8s/shard-3").toString(), "--out",
        dir.resolve("partial").toString());
    assertTrue(partial.out().contains("missing shards: [2] of 4"), partial.out());
    assertNotEquals(expected, bySeed(dir.resolve("partial").resolve(SeedLog.FILE)));
  }

  @Test
  void threeSlurmShardsOfTheReferenceRecordTheUnshardedRun() throws Exception {
    List<ChildOmnisim> shards = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      shards.add(ChildOmnisim.start(dir.resolve("logs"), "slurm-" + k, Map.of("SLURM_ARRAY_TASK_ID",
          Integer.toString(1 + k), "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "3"), "fuzz", "--scenario",
          "fuzz-3", "--seeds", "1..6", "--threads", "1", "--shard", "auto", "--out",
          dir.resolve("slurm/task-" + (1 + k)).toString()));
    }
    CommandRun whole = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--seeds", "1..6", "--threads", "1",
        "--out", dir.resolve("whole").toString());
    assertEquals(0, whole.status(), whole.out() + whole.err());
    for (int k = 0; k < 3; k++) {
      ChildOmnisim shard = shards.get(k);
      assertEquals(0, shard.waitFor(), shard.out() + shard.err());
      assertTrue(shard.out().contains("shard " + k + "/3 from Slurm (SLURM_ARRAY_TASK_ID=" + (1 + k)), shard.out());
    }
    CommandRun merged = CommandRun.omnisim("campaign", "merge", dir.resolve("slurm/task-1").toString(),
        dir.resolve("slurm/task-2").toString(), dir.resolve("slurm/task-3").toString(), "--out",
        dir.resolve("slurm-report").toString());
    assertEquals(0, merged.status(), merged.out() + merged.err());
    assertEquals(bySeed(dir.resolve("whole").resolve(SeedLog.FILE)),
        bySeed(dir.resolve("slurm-report").resolve(SeedLog.FILE)));
    assertTrue(Files.readString(dir.resolve("slurm-report/campaign.html")).contains("all seeds passed"));
  }

  /** seed → "verdict kind fingerprint" of every record in {@code file}, each seed exactly once. */
  static Map<Long, String> bySeed(Path file) throws IOException {
    Map<Long, String> out = new TreeMap<>();
    for (SeedRecord r : SeedLog.read(file).records()) {
      String before = out.put(r.seed(), r.verdict() + " " + r.failureKind() + " " + r.fingerprint());
      assertEquals(null, before, "seed " + r.seed() + " recorded twice in " + file);
    }
    return out;
  }
}
