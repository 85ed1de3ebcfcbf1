package dev.omnisim.scenarios.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one scenario × seed went in a child JVM, as the child reports it on one line of its stdout (or
 * as the grader records it when the child could not: timeout, exit, out of memory).
 *
 * @param scenario the scenario's name
 * @param seed the seed
 * @param failure why it failed, null when it passed
 * @param labLine the lab's result line ({@code  ... Passed --  0.7  3  2300  306})
 * @param fingerprint the run's trace fingerprint, "" when the run did not finish
 * @param wallMillis wall time the run took (both executions), the only field that is not deterministic
 * @param kind the failure's kind ({@code not linearizable}, {@code no progress}, {@code invariant agreement},
 *     {@code timeout}, ...), "" when it passed
 * @param hint what this kind of failure usually means in a submission, "" when it passed
 */
public record RunOutcome(String scenario, long seed, String failure, String labLine, String fingerprint,
    long wallMillis, String kind, String hint) {

  public RunOutcome {
    kind = kind == null || failure == null ? "" : kind;
    hint = hint == null || failure == null ? "" : hint;
  }

  /** An outcome whose kind and hint follow from its failure text (a failure the grader itself records). */
  public RunOutcome(String scenario, long seed, String failure, String labLine, String fingerprint, long wallMillis) {
    this(scenario, seed, failure, labLine, fingerprint, wallMillis, FailureHints.kindOf(failure),
        FailureHints.forKind(FailureHints.kindOf(failure), failure));
  }
  /** What starts a protocol line on the child's stdout: anything else there is the submission's own output. */
  static final String PREFIX = "OMNISIM-GRADE-RESULT ";
  /** The child's first protocol line: started and loaded the submission. */
  static final String READY = "ready";

  /** True when the run passed every check, deterministically. */
  public boolean passed() {
    return failure == null;
  }

  /** A run that did not produce a result, for {@code reason}. */
  static RunOutcome failed(String scenario, long seed, String reason, long wallMillis) {
    return new RunOutcome(scenario, seed, reason, "  ... FAILED -- " + reason.lines().findFirst().orElse(""), "",
        wallMillis);
  }

  /** The same outcome with another wall time. */
  RunOutcome withWallMillis(long millis) {
    return new RunOutcome(scenario, seed, failure, labLine, fingerprint, millis, kind, hint);
  }

  /** The protocol line. */
  String toLine(ObjectMapper json) {
    ObjectNode n = json.createObjectNode();
    n.put("scenario", scenario).put("seed", seed).put("failure", failure).put("labLine", labLine)
        .put("fingerprint", fingerprint).put("kind", kind).put("hint", hint);
    try {
      return PREFIX + json.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a protocol line, or null when {@code line} is not one. */
  static RunOutcome fromLine(String line, ObjectMapper json) {
    if (!line.startsWith(PREFIX)) {
      return null;
    }
    try {
      JsonNode n = json.readTree(line.substring(PREFIX.length()));
      return new RunOutcome(n.get("scenario").asText(), n.get("seed").asLong(),
          n.get("failure").isNull() ? null : n.get("failure").asText(), n.get("labLine").asText(),
          n.get("fingerprint").asText(), 0, n.path("kind").asText(""), n.path("hint").asText(""));
    } catch (JsonProcessingException | NullPointerException e) {
      return null;
    }
  }
}
