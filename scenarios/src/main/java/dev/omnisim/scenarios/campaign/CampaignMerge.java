package dev.omnisim.scenarios.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Combines the folders of a campaign's shards into one {@link CampaignReport}: records by seed, failures by
 * kind with their replay commands, seeds whose records disagree, and shards that are missing or stopped
 * early. Bad input (a folder that is not a shard's, a record line that does not read, shards of different
 * campaigns, records of different builds unless allowed) throws an {@link IllegalArgumentException} with one
 * line naming what and where, before anything is written.
 */
public final class CampaignMerge {
  private final boolean allowMixedVersions;

  /** A merge that refuses records of different omnisim builds unless {@code allowMixedVersions}. */
  public CampaignMerge(boolean allowMixedVersions) {
    this.allowMixedVersions = allowMixedVersions;
  }

  private record ShardFolder(Path folder, ShardManifest manifest, SeedLog.Contents contents) {}

  /** Reads every folder of {@code folders} (a shard folder, or a folder whose subfolders are shard folders). */
  public CampaignReport merge(List<Path> folders) throws IOException {
    List<ShardFolder> shards = new ArrayList<>();
    for (Path f : folders) {
      for (Path shardFolder : shardFolders(f)) {
        shards.add(read(shardFolder));
      }
    }
    ShardManifest first = shards.get(0).manifest();
    List<BuildInfo> builds = new ArrayList<>();
    for (ShardFolder s : shards) {
      if (!s.manifest().sameCampaign(first)) {
        throw new IllegalArgumentException(s.folder() + " is a shard of " + s.manifest().campaign() + ", but "
            + shards.get(0).folder() + " one of " + first.campaign() + ": merge the folders of one campaign");
      }
      addBuild(builds, s.manifest().build(), s.folder() + "/" + ShardManifest.FILE);
      for (SeedRecord r : s.contents().records()) {
        addBuild(builds, new BuildInfo(r.version(), r.commit()), s.folder() + "/" + SeedLog.FILE + " (seed " + r.seed() + ")");
      }
    }
    return combine(first, shards, builds);
  }

  private void addBuild(List<BuildInfo> builds, BuildInfo build, String where) {
    if (builds.contains(build)) {
      return;
    }
    if (!builds.isEmpty() && !allowMixedVersions) {
      throw new IllegalArgumentException(where + " comes from omnisim " + build.describe() + ", other records from "
          + builds.get(0).describe() + "; fingerprints differ between builds (--allow-mixed-versions to merge anyway)");
    }
    builds.add(build);
  }

  private static CampaignReport combine(ShardManifest campaign, List<ShardFolder> shards, List<BuildInfo> builds) {
    Map<Long, SeedRecord> bySeed = new TreeMap<>();
    Map<Long, String> folderOf = new TreeMap<>();
    Map<Long, List<String>> divergent = new TreeMap<>();
    long repeatedSame = 0;
    List<CampaignReport.Shard> shardRows = new ArrayList<>();
    boolean[] present = new boolean[campaign.shard().count()];
    for (ShardFolder s : shards) {
      ShardManifest m = s.manifest();
      present[m.shard().index()] = true;
      long ownRecorded = 0;
      for (SeedRecord r : s.contents().records()) {
        if (!r.scenario().equals(campaign.scenario()) || r.seed() < campaign.firstSeed() || r.seed() > campaign.lastSeed()) {
          continue;
        }
        if (m.shard().owns(campaign.firstSeed(), r.seed())) {
          ownRecorded++;
        }
        SeedRecord before = bySeed.putIfAbsent(r.seed(), r);
        if (before == null) {
          folderOf.put(r.seed(), s.folder().toString());
        } else if (before.fingerprint().equals(r.fingerprint()) && before.verdict().equals(r.verdict())) {
          repeatedSame++;
        } else {
          List<String> seen = divergent.computeIfAbsent(r.seed(), k -> new ArrayList<>(
              List.of(before.fingerprint() + " (" + before.verdict() + ") in " + folderOf.get(r.seed()))));
          seen.add(r.fingerprint() + " (" + r.verdict() + ") in " + s.folder());
        }
      }
      shardRows.add(new CampaignReport.Shard(m.shard().index(), s.folder().toString(), m.state(), m.plannedSeeds(),
          ownRecorded, m.wallSeconds(), s.contents().tornLastLine()));
    }
    shardRows.sort(java.util.Comparator.comparingInt(CampaignReport.Shard::index));
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < present.length; i++) {
      if (!present[i]) {
        missing.add(i);
      }
    }
    Map<String, List<CampaignReport.FailedSeed>> byKind = new TreeMap<>();
    long passed = 0;
    for (SeedRecord r : bySeed.values()) {
      if (r.passed()) {
        passed++;
        continue;
      }
      Path evidence = Path.of(folderOf.get(r.seed())).resolve(r.evidence() == null ? "" : r.evidence());
      byKind.computeIfAbsent(r.failureKind(), k -> new ArrayList<>()).add(new CampaignReport.FailedSeed(r.seed(),
          r.fingerprint(), evidence.toString(), "./omnisim run --schedule " + evidence.resolve("schedule.json")
              + " --seed " + r.seed() + (campaign.submission() == null ? "" : " --submission " + campaign.submission())
              + campaign.protocolArgument()));
    }
    List<CampaignReport.Divergence> nondeterministic = new ArrayList<>();
    divergent.forEach((seed, seen) -> nondeterministic.add(new CampaignReport.Divergence(seed, List.copyOf(seen))));
    double sum = shardRows.stream().mapToDouble(CampaignReport.Shard::wallSeconds).sum();
    double longest = shardRows.stream().mapToDouble(CampaignReport.Shard::wallSeconds).max().orElse(0);
    Map<String, List<CampaignReport.FailedSeed>> failures = new LinkedHashMap<>(byKind);
    return new CampaignReport(campaign.campaign(), campaign.scenario(), campaign.firstSeed(),
        campaign.lastSeed(), campaign.shard().count(), List.copyOf(builds), List.copyOf(shardRows), List.copyOf(missing),
        campaign.lastSeed() - campaign.firstSeed() + 1, bySeed.size(), passed, bySeed.size() - passed, sum, longest,
        failures, List.copyOf(nondeterministic), repeatedSame, List.copyOf(bySeed.values()));
  }

  /** {@code folder} itself when it is a shard folder, else its subfolders that are, in name order. */
  private static List<Path> shardFolders(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("'" + folder + "' is not a folder (campaign merge takes shard folders, as"
          + " fuzz --out wrote them)");
    }
    if (Files.exists(folder.resolve(ShardManifest.FILE))) {
      return List.of(folder);
    }
    List<Path> inside;
    try (Stream<Path> children = Files.list(folder)) {
      inside = children.filter(c -> Files.exists(c.resolve(ShardManifest.FILE))).sorted().toList();
    }
    if (inside.isEmpty()) {
      throw new IllegalArgumentException("'" + folder + "' holds no " + ShardManifest.FILE + ", itself or in a"
          + " subfolder: not a fuzz output folder");
    }
    return inside;
  }

  private static ShardFolder read(Path folder) throws IOException {
    ShardManifest manifest = ShardManifest.read(folder);
    Path records = folder.resolve(SeedLog.FILE);
    SeedLog.Contents contents = Files.exists(records) ? SeedLog.read(records) : new SeedLog.Contents(List.of(), false);
    return new ShardFolder(folder, manifest, contents);
  }
}
