package dev.omnisim.scenarios.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.scenarios.Protocols;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A shard folder's {@code shard.json}: what the shard was asked to run and how far it got, written when it
 * starts and again when it stops. {@code campaign merge} reads it to know the campaign (scenario, seed range,
 * shard count), which shards are missing, and which stopped before their last seed.
 *
 * @param scenario the fuzz scenario
 * @param firstSeed the campaign's first seed
 * @param lastSeed the campaign's last seed
 * @param shard this shard's index and count, and where they came from
 * @param plannedSeeds how many seeds of the range are this shard's
 * @param build the omnisim that ran it
 * @param submission the submission fuzzed (its file name), or null for the reference
 * @param protocol the protocol fuzzed ({@code fuzz --protocol}); {@code omnipaxos} in manifests written before
 *     the field
 * @param state {@code running}, {@code complete}, {@code time limit}, {@code max failures} or {@code interrupted}
 * @param wallSeconds wall seconds spent on this shard, over every start of it (JVM start excluded)
 * @param sessions how many times the shard was started
 */
public record ShardManifest(String scenario, long firstSeed, long lastSeed, ShardSpec shard, long plannedSeeds,
    BuildInfo build, String submission, String protocol, String state, double wallSeconds, int sessions) {
  /** The file name inside a shard folder. */
  public static final String FILE = "shard.json";
  /** The state of a shard that ran every one of its seeds. */
  public static final String COMPLETE = "complete";
  /** The state of a shard that is running, or was killed. */
  public static final String RUNNING = "running";
  /** Checks the protocol is given. */
  public ShardManifest {
    java.util.Objects.requireNonNull(protocol, "protocol");
  }

  /** The same manifest in another state, with more wall time. */
  public ShardManifest ended(String newState, double moreWallSeconds) {
    return new ShardManifest(scenario, firstSeed, lastSeed, shard, plannedSeeds, build, submission, protocol, newState,
        wallSeconds + moreWallSeconds, sessions);
  }

  /** The same manifest started once more. */
  public ShardManifest restarted(ShardSpec newShard, BuildInfo newBuild) {
    return new ShardManifest(scenario, firstSeed, lastSeed, newShard, plannedSeeds, newBuild, submission, protocol, RUNNING,
        wallSeconds, sessions + 1);
  }

  /**
   * True when {@code other} is a shard of the same campaign (scenario, seed range, shard count, submission,
   * protocol).
   */
  public boolean sameCampaign(ShardManifest other) {
    return scenario.equals(other.scenario) && firstSeed == other.firstSeed && lastSeed == other.lastSeed
        && shard.count() == other.shard.count() && java.util.Objects.equals(submission, other.submission)
        && protocol.equals(other.protocol);
  }

  /** What a replay command needs to run the same protocol: empty for the default. */
  public String protocolArgument() {
    return Protocols.argument(protocol);
  }

  /** {@code swarm seeds 1..1000 in 4 shards}: the campaign, as a person reads it. */
  public String campaign() {
    return scenario + " seeds " + firstSeed + ".." + lastSeed + " in " + shard.count() + " shard(s)"
        + (submission == null ? "" : " of submission " + submission)
        + Protocols.over(protocol);
  }

  /** Writes the manifest into {@code folder}, replacing the file in one step. */
  public void write(Path folder) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = mapper.createObjectNode();
    o.put("scenario", scenario);
    o.put("firstSeed", firstSeed);
    o.put("lastSeed", lastSeed);
    o.put("shardIndex", shard.index());
    o.put("shardCount", shard.count());
    o.put("shardSource", shard.source());
    o.put("plannedSeeds", plannedSeeds);
    o.put("version", build.version());
    o.put("commit", build.commit());
    o.put("submission", submission);
    o.put("protocol", protocol);
    o.put("state", state);
    o.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    o.put("sessions", sessions);
    Path tmp = folder.resolve(FILE + ".tmp");
    Files.writeString(tmp, mapper.writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The manifest in {@code folder}, or null when there is none; a file that is not a manifest throws an
   * {@link IllegalArgumentException} with one line naming it and the problem.
   */
  public static ShardManifest read(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    JsonNode o;
    try {
      o = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not a shard manifest (not JSON)");
    }
    try {
      ShardSpec shard = new ShardSpec((int) whole(o, "shardIndex", file), (int) whole(o, "shardCount", file),
          text(o, "shardSource", file));
      JsonNode submission = o.get("submission");
      return new ShardManifest(text(o, "scenario", file), whole(o, "firstSeed", file), whole(o, "lastSeed", file),
          shard, whole(o, "plannedSeeds", file), new BuildInfo(text(o, "version", file), text(o, "commit", file)),
          submission == null || submission.isNull() ? null : submission.asText(),
          o.has("protocol") ? text(o, "protocol", file) : Protocols.DEFAULT, text(o, "state", file),
          o.path("wallSeconds").asDouble(0), (int) whole(o, "sessions", file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
          : file + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode o, String field, Path file) {
    JsonNode v = o == null ? null : o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a string, was "
          + (v == null ? "missing" : v.toString()));
    }
    return v.textValue();
  }

  private static long whole(JsonNode o, String field, Path file) {
    JsonNode v = o == null ? null : o.get(field);
    if (v == null || !v.canConvertToExactIntegral()) {
      throw new IllegalArgumentException(file + ": field '" + field + "' must be a whole number, was "
          + (v == null ? "missing" : v.toString()));
    }
    return v.longValue();
  }
}
