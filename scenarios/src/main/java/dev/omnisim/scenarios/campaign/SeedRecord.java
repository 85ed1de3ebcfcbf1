package dev.omnisim.scenarios.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What one seed of a campaign did, as one JSON line of a shard's {@code seeds.jsonl}:
 *
 * <pre>{@code
 * {"scenario":"swarm","seed":17,"config":"3f2a9c0d11e4b5a6","verdict":"failed","failure":"invariant agreement",
 *  "fingerprint":"c7d182bce2e15347","virtualMicros":14100000,"wallMillis":38,"version":"0.1.0-SNAPSHOT",
 *  "commit":"561383e…","shard":"2/4","evidence":"swarm-seed17"}
 * }</pre>
 *
 * @param scenario the fuzz scenario
 * @param seed the seed
 * @param configDigest the first 16 hex digits of the SHA-256 of the seed's fuzz configuration as JSON (the
 *     swarm draws one per seed; the fixed scenarios have one each)
 * @param verdict {@code passed} or {@code failed}
 * @param failureKind the failure's kind ({@code invariant agreement}, {@code not linearizable}, ...), null when
 *     it passed
 * @param fingerprint the run's 64-bit trace fingerprint, 16 hex digits
 * @param virtualMicros virtual time the run took, in microseconds
 * @param wallMillis wall time the run took, in milliseconds (checking and writing evidence included)
 * @param version the omnisim version that ran it
 * @param commit the omnisim commit that ran it
 * @param shard the shard that ran it, {@code K/N}
 * @param evidence the folder, relative to the shard folder, with the failure's schedule and evidence; null
 *     when it passed
 */
public record SeedRecord(String scenario, long seed, String configDigest, String verdict, String failureKind,
    String fingerprint, long virtualMicros, long wallMillis, String version, String commit, String shard,
    String evidence) {

  /** The verdict of a seed whose every check held. */
  public static final String PASSED = "passed";
  /** The verdict of a seed with a failure. */
  public static final String FAILED = "failed";
  private static final List<String> FIELDS = List.of("scenario", "seed", "config", "verdict", "failure",
      "fingerprint", "virtualMicros", "wallMillis", "version", "commit", "shard", "evidence");

  public SeedRecord {
    if (!PASSED.equals(verdict) && !FAILED.equals(verdict)) {
      throw new IllegalArgumentException("verdict must be " + PASSED + " or " + FAILED + ", was '" + verdict + "'");
    }
    if (FAILED.equals(verdict) == (failureKind == null)) {
      throw new IllegalArgumentException("a failed seed needs its failure kind and a passed one none, was verdict "
          + verdict + " with failure " + failureKind);
    }
  }

  /** True when every check held. */
  public boolean passed() {
    return PASSED.equals(verdict);
  }

  /** The record as one line of JSON, without its newline. */
  public String toJsonLine() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("scenario", scenario);
    o.put("seed", seed);
    o.put("config", configDigest);
    o.put("verdict", verdict);
    o.put("failure", failureKind);
    o.put("fingerprint", fingerprint);
    o.put("virtualMicros", virtualMicros);
    o.put("wallMillis", wallMillis);
    o.put("version", version);
    o.put("commit", commit);
    o.put("shard", shard);
    o.put("evidence", evidence);
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a seed record could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The record on one line of a {@code seeds.jsonl}; {@code where} ({@code FILE:LINE}) names it in the one-line
   * message of the {@link IllegalArgumentException} that bad input throws.
   */
  public static SeedRecord fromJsonLine(String line, String where) {
    JsonNode o;
    try {
      o = new ObjectMapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not a seed record (not JSON: "
          + firstLine(e.getOriginalMessage()) + ")");
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException(where + ": not a seed record (a JSON object with " + String.join(", ", FIELDS)
          + " expected)");
    }
    try {
      return new SeedRecord(text(o, "scenario", where, false), whole(o, "seed", where), text(o, "config", where, false),
          text(o, "verdict", where, false), text(o, "failure", where, true), text(o, "fingerprint", where, false),
          whole(o, "virtualMicros", where), whole(o, "wallMillis", where), text(o, "version", where, false),
          text(o, "commit", where, false), text(o, "shard", where, false), text(o, "evidence", where, true));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage());
    }
  }

  /** The first 16 hex digits of the SHA-256 of {@code config} as a schedule file writes it. */
  public static String digest(FuzzConfig config) {
    try {
      byte[] json = new FaultSchedule(config, null, List.of()).toJson().getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  private static String text(JsonNode o, String field, String where, boolean nullable) {
    JsonNode v = o.get(field);
    if ((v == null || v.isNull()) && nullable) {
      return null;
    }
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a string" + (nullable ? " or null" : "")
          + ", was " + (v == null ? "missing" : v.toString()));
    }
    return v.textValue();
  }

  private static long whole(JsonNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' must be a whole number, was "
          + (v == null ? "missing" : v.toString()));
    }
    return v.longValue();
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return s == null ? "unreadable" : nl < 0 ? s : s.substring(0, nl);
  }
}
