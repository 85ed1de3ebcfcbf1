package dev.omnisim.scenarios.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What merging shard folders reports, on folders written by hand: each finding (failures by kind, a seed with
 * two fingerprints, a missing shard, a shard that stopped early, a torn last line) is shown on folders that
 * have it and is absent from the same folders without it.
 */
class CampaignMergeTest {
  private static final BuildInfo BUILD = new BuildInfo("1.0", "abc");
  @TempDir Path dir;

  @Test
  void aCompleteCleanCampaignHasNoFindingsAndExitsZero() throws IOException {
    Path a = shard(0, 2, 1, 4, "s0", rec(1, "f1", null), rec(3, "f3", null));
    Path b = shard(1, 2, 1, 4, "s1", rec(2, "f2", null), rec(4, "f4", null));
    CampaignReport r = new CampaignMerge(false).merge(List.of(a, b));
    assertEquals(4, r.recordedSeeds());
    assertEquals(List.of(1L, 2L, 3L, 4L), r.records().stream().map(SeedRecord::seed).toList());
    assertTrue(r.complete());
    assertTrue(r.nondeterministic().isEmpty());
    assertEquals(0, r.exitStatus());
  }

  @Test
  void failuresAreGroupedByKindWithTheirReplayCommand() throws IOException {
    Path a = shard(0, 2, 1, 4, "s0", rec(1, "f1", "not linearizable"), rec(3, "f3", "invariant agreement"));
    Path b = shard(1, 2, 1, 4, "s1", rec(2, "f2", null), rec(4, "f4", "not linearizable"));
    CampaignReport r = new CampaignMerge(false).merge(List.of(a, b));
    assertEquals(List.of("invariant agreement", "not linearizable"), List.copyOf(r.failuresByKind().keySet()));
    assertEquals(List.of(1L, 4L), r.failuresByKind().get("not linearizable").stream()
        .map(CampaignReport.FailedSeed::seed).toList());
    assertEquals("./omnisim run --schedule " + b.resolve("fuzz-seed4").resolve("schedule.json") + " --seed 4",
        r.failuresByKind().get("not linearizable").get(1).replay());
    assertEquals(1, r.exitStatus());
    String summary = CampaignReportFiles.summary(r);
    assertTrue(summary.indexOf("FAILURES") < summary.indexOf("seeds: 4 of 4"), summary);
    CampaignReportFiles.write(r, dir.resolve("report"));
    String html = Files.readString(dir.resolve("report/campaign.html"));
    assertTrue(html.contains("invariant agreement") && !html.contains("<script") && !html.contains("http"), html);
    assertEquals(4, Files.readAllLines(dir.resolve("report/seeds.jsonl")).size());
  }

  @Test
  void aSeedRecordedTwiceWithDifferentFingerprintsIsNamedAndWithTheSameIsNot() throws IOException {
    Path a = shard(0, 1, 1, 2, "a", rec(1, "f1", null), rec(2, "f2", null));
    Path same = shard(0, 1, 1, 2, "same", rec(1, "f1", null), rec(2, "f2", null));
    Path other = shard(0, 1, 1, 2, "other", rec(1, "f1", null), rec(2, "XX", null));
    CampaignReport alike = new CampaignMerge(false).merge(List.of(a, same));
    assertTrue(alike.nondeterministic().isEmpty());
    assertEquals(2, alike.repeatedSameResult());
    CampaignReport differing = new CampaignMerge(false).merge(List.of(a, other));
    assertEquals(1, differing.nondeterministic().size());
    assertEquals(2, differing.nondeterministic().get(0).seed());
    assertTrue(differing.nondeterministic().get(0).fingerprints().get(1).startsWith("XX"));
    assertEquals(1, differing.exitStatus());
  }

  @Test
  void missingAndIncompleteShardsAreListed() throws IOException {
    Path a = shard(0, 3, 1, 6, "s0", rec(1, "f1", null), rec(4, "f4", null));
    Path c = shard(2, 3, 1, 6, "s2", rec(3, "f3", null));
    Files.writeString(c.resolve(SeedLog.FILE), "{\"scenario\":\"fu", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    CampaignReport r = new CampaignMerge(false).merge(List.of(a, c));
    assertEquals(List.of(1), r.missingShards());
    CampaignReport.Shard s2 = r.shards().get(1);
    assertFalse(s2.complete());
    assertTrue(s2.tornLastLine());
    assertEquals(3, r.exitStatus());
    assertTrue(CampaignReportFiles.summary(r).contains("missing shards: [1] of 3"), CampaignReportFiles.summary(r));
    Path b = shard(1, 3, 1, 6, "s1", rec(2, "f2", null), rec(5, "f5", null));
    Path cWhole = shard(2, 3, 1, 6, "s2b", rec(3, "f3", null), rec(6, "f6", null));
    assertTrue(new CampaignMerge(false).merge(List.of(a, b, cWhole)).complete());
  }

  @Test
  void anUnreadableRecordLineIsBadInputNamingFileAndLine() throws IOException {
    Path a = shard(0, 1, 1, 2, "a", rec(1, "f1", null));
    Files.writeString(a.resolve(SeedLog.FILE), "{\"seed\": \"one\"}\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CampaignMerge(false).merge(List.of(a)));
    assertTrue(e.getMessage().startsWith(a.resolve(SeedLog.FILE) + ":2: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void foldersOfDifferentBuildsAreRefusedUnlessAllowed() throws IOException {
    Path a = shard(0, 2, 1, 2, "a", rec(1, "f1", null));
    Path b = shard(1, 2, 1, 2, "b", new SeedRecord("fuzz", 2, "c", "passed", null, "f2", 1, 1, "1.1", "def", "1/2", null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CampaignMerge(false).merge(List.of(a, b)));
    assertTrue(e.getMessage().contains("1.1 (commit def)") && e.getMessage().contains("--allow-mixed-versions"),
        e.getMessage());
    assertEquals(2, new CampaignMerge(true).merge(List.of(a, b)).builds().size());
  }

  @Test
  void foldersOfDifferentCampaignsOrNoCampaignAreRefused() throws IOException {
    Path a = shard(0, 2, 1, 4, "a", rec(1, "f1", null));
    Path b = shard(1, 2, 1, 6, "b", rec(2, "f2", null));
    assertThrows(IllegalArgumentException.class, () -> new CampaignMerge(false).merge(List.of(a, b)));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CampaignMerge(false).merge(List.of(empty)));
    assertTrue(e.getMessage().contains("not a fuzz output folder"), e.getMessage());
  }

  private static SeedRecord rec(long seed, String fingerprint, String failure) {
    return new SeedRecord("fuzz", seed, "cfg", failure == null ? "passed" : "failed", failure, fingerprint, 1000, 5,
        BUILD.version(), BUILD.commit(), "?", failure == null ? null : "fuzz-seed" + seed);
  }

  private Path shard(int index, int count, long first, long last, String name, SeedRecord... records)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    ShardSpec spec = new ShardSpec(index, count, "test");
    new ShardManifest("fuzz", first, last, spec, spec.seedCount(first, last), BUILD, null, "omnipaxos", "complete", 1.5, 1)
        .write(folder);
    try (SeedLog log = SeedLog.open(folder, false)) {
      for (SeedRecord r : records) {
        log.append(r, () -> {});
      }
    }
    return folder;
  }
}
