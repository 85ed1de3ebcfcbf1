package dev.omnisim.scenarios.campaign;

import java.util.List;
import java.util.Map;

/**
 * What {@code campaign merge} found in a campaign's shard folders.
 *
 * @param campaign the campaign, as a person reads it ({@code swarm seeds 1..1000 in 4 shard(s)})
 * @param scenario the fuzz scenario
 * @param firstSeed the campaign's first seed
 * @param lastSeed the campaign's last seed
 * @param shardCount how many shards the campaign has
 * @param builds every omnisim build that wrote records, in order of first appearance
 * @param shards every shard folder read, by index
 * @param missingShards the shard indices no folder holds
 * @param plannedSeeds the seeds of the range
 * @param recordedSeeds distinct seeds recorded
 * @param passed distinct seeds that passed
 * @param failed distinct seeds that failed
 * @param shardWallSeconds wall seconds of every shard, summed
 * @param longestShardWallSeconds wall seconds of the longest shard
 * @param failuresByKind failed seeds grouped by failure kind, kinds in name order, seeds in order
 * @param nondeterministic seeds recorded more than once with different fingerprints
 * @param repeatedSameResult seeds recorded more than once with the same fingerprint (overlapping folders)
 * @param records one record per distinct seed, in seed order (the first one read when a seed repeats)
 */
public record CampaignReport(String campaign, String scenario, long firstSeed, long lastSeed, int shardCount,
    List<BuildInfo> builds, List<Shard> shards, List<Integer> missingShards, long plannedSeeds, long recordedSeeds,
    long passed, long failed, double shardWallSeconds, double longestShardWallSeconds,
    Map<String, List<FailedSeed>> failuresByKind, List<Divergence> nondeterministic, long repeatedSameResult,
    List<SeedRecord> records) {

  /**
   * One shard folder.
   *
   * @param index the shard's index
   * @param folder the folder
   * @param state its manifest's state
   * @param plannedSeeds its seeds
   * @param recordedSeeds its seeds that have a record
   * @param wallSeconds its wall time, over every start
   * @param tornLastLine true when its records ended in a torn line (killed while writing)
   */
  public record Shard(int index, String folder, String state, long plannedSeeds, long recordedSeeds,
      double wallSeconds, boolean tornLastLine) {
    /** True when every seed of the shard has a record. */
    public boolean complete() {
      return recordedSeeds >= plannedSeeds;
    }
  }

  /**
   * A failed seed and how to replay it.
   *
   * @param seed the seed
   * @param fingerprint its fingerprint
   * @param evidence the folder of its schedule and evidence
   * @param replay the command that replays it
   */
  public record FailedSeed(long seed, String fingerprint, String evidence, String replay) {}

  /**
   * A seed whose records disagree: the same code and seed gave different runs.
   *
   * @param seed the seed
   * @param fingerprints each fingerprint seen, with the folder that recorded it ({@code FINGERPRINT in FOLDER})
   */
  public record Divergence(long seed, List<String> fingerprints) {}

  /** True when every planned seed has a record and every shard folder is there. */
  public boolean complete() {
    return missingShards.isEmpty() && recordedSeeds >= plannedSeeds && shards.stream().allMatch(Shard::complete);
  }

  /** Seeds per second of one shard's wall time: what one machine does. */
  public double seedsPerShardSecond() {
    return shardWallSeconds <= 0 ? 0 : recordedSeeds / shardWallSeconds;
  }

  /** Seeds per second of the longest shard: the campaign's rate when its shards ran at once. */
  public double seedsPerCampaignSecond() {
    return longestShardWallSeconds <= 0 ? 0 : recordedSeeds / longestShardWallSeconds;
  }

  /** 0 when all seeds passed and the campaign is complete, 1 with failures or nondeterminism, 3 when incomplete only. */
  public int exitStatus() {
    if (failed > 0 || !nondeterministic.isEmpty()) {
      return 1;
    }
    return complete() ? 0 : 3;
  }
}
