package dev.omnisim.scenarios.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Shards split a range exactly, and each array-job engine's variables give the shard it means. */
class ShardSpecTest {

  @Test
  void theShardsOfARangeAreDisjointAndTogetherAreTheRange() {
    for (long first : new long[] {1, 0, -7, 1_000_000_000_000L}) {
      for (long size : new long[] {1, 2, 3, 10, 97}) {
        for (int n = 1; n <= 12; n++) {
          List<Long> union = new ArrayList<>();
          long counted = 0;
          for (int k = 0; k < n; k++) {
            ShardSpec shard = new ShardSpec(k, n, "test");
            List<Long> mine = new ArrayList<>();
            shard.forEachSeed(first, first + size - 1, mine::add);
            assertEquals(mine.size(), shard.seedCount(first, first + size - 1), "count of shard " + k + "/" + n);
            for (long s : mine) {
              assertTrue(shard.owns(first, s), "shard " + k + "/" + n + " owns " + s);
            }
            union.addAll(mine);
            counted += mine.size();
          }
          union.sort(Long::compare);
          List<Long> range = new ArrayList<>();
          for (long s = first; s < first + size; s++) {
            range.add(s);
          }
          assertEquals(range, union, "range " + first + "+" + size + " in " + n + " shards");
          assertEquals(size, counted);
        }
      }
    }
  }

  @Test
  void badShardSpecsAreRefusedWithOneLineNamingTheValue() {
    for (String bad : new String[] {"5/4", "4/4", "0/0", "a/b", "-1/3", "1", "1/2/3", "", "1/0", "2/-3"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse(bad, Map.of()),
          bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    assertEquals(new ShardSpec(3, 4, "--shard 3/4"), ShardSpec.parse("3/4", Map.of()));
  }

  @Test
  void kubernetesIndexedJobsGiveTheIndexAndTheDocumentedVariableTheCount() {
    ShardSpec s = ShardSpec.parse("auto", env("JOB_COMPLETION_INDEX", "2", "OMNISIM_SHARD_COUNT", "4"));
    assertEquals(2, s.index());
    assertEquals(4, s.count());
    assertTrue(s.source().startsWith("Kubernetes (JOB_COMPLETION_INDEX=2"), s.source());
    IllegalArgumentException noCount = assertThrows(IllegalArgumentException.class,
        () -> ShardSpec.parse("auto", env("JOB_COMPLETION_INDEX", "2")));
    assertTrue(noCount.getMessage().contains("OMNISIM_SHARD_COUNT"), noCount.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ShardSpec.parse("auto", env("JOB_COMPLETION_INDEX", "4", "OMNISIM_SHARD_COUNT", "4")));
  }

  @Test
  void slurmArraysCountFromTheirMinimumAndStep() {
    ShardSpec s = ShardSpec.parse("auto", env("SLURM_ARRAY_TASK_ID", "7", "SLURM_ARRAY_TASK_MIN", "5",
        "SLURM_ARRAY_TASK_COUNT", "3"));
    assertEquals(new ShardSpec(2, 3, s.source()), s);
    assertTrue(s.source().startsWith("Slurm"), s.source());
    ShardSpec stepped = ShardSpec.parse("auto", env("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0",
        "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3"));
    assertEquals(2, stepped.index());
    assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("auto", env("SLURM_ARRAY_TASK_ID", "3",
        "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3")));
    assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("auto", env("SLURM_ARRAY_TASK_ID", "1")));
  }

  @Test
  void awsBatchArrayJobsGiveTheIndexAndTheDocumentedVariableTheCount() {
    ShardSpec s = ShardSpec.parse("auto", env("AWS_BATCH_JOB_ARRAY_INDEX", "0", "OMNISIM_SHARD_COUNT", "10"));
    assertEquals(new ShardSpec(0, 10, s.source()), s);
    assertTrue(s.source().startsWith("AWS Batch"), s.source());
  }

  @Test
  void autoWithNoEngineOrTwoEnginesOrGarbageIsRefused() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("auto", Map.of()));
    assertTrue(none.getMessage().contains("JOB_COMPLETION_INDEX"), none.getMessage());
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("auto",
        env("JOB_COMPLETION_INDEX", "0", "SLURM_ARRAY_TASK_ID", "0", "OMNISIM_SHARD_COUNT", "2")));
    assertTrue(two.getMessage().contains("more than one engine"), two.getMessage());
    IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse("auto",
        env("JOB_COMPLETION_INDEX", "x", "OMNISIM_SHARD_COUNT", "2")));
    assertTrue(garbage.getMessage().contains("JOB_COMPLETION_INDEX must be a whole number, was 'x'"), garbage.getMessage());
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
