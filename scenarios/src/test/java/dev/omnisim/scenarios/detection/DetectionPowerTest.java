package dev.omnisim.scenarios.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evidence of detection power: every {@link BrokenVariant} goes through the default checks in the
 * fixed order of {@link DetectionPower} until the first failure; the table goes to {@code
 * target/detection-power.md} and to standard output. Every variant not listed as a known escape must
 * be caught, by a run that the reference passes.
 *
 * <p>Budget: fuzz seeds 1..{@value #CI_FUZZ_SEEDS} in CI as in the full measurement (the slowest catches
 * are at swarm seeds 82 and 88: ACCEPT_SYNC_TRUNCATING_ACCEPTED_ENTRIES, since followers no longer
 * resynchronise after every reordered batch, and RECOVERY_TRUSTING_A_TORN_RECORD). A caught variant
 * stops at its first failure, so the whole test costs about 1 762 runs plus compiling the mutants:
 * 78-91 s on the 2-core machine. No variant is a known
 * escape today; {@code -Ddetection.runEscapes=true} would run any listed in {@link #knownEscape}:
 * <pre>
 * ./mvnw -B -o test -pl scenarios -am -Dtest=DetectionPowerTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddetection.fuzzSeeds=200 -Ddetection.runEscapes=true
 * </pre>
 */
class DetectionPowerTest {
  /** Fuzz seeds per variant in CI (each seed runs the five fuzz scenarios: swarm, fuzz, fuzz-3, fuzz-7, fuzz-partial). */
  static final int CI_FUZZ_SEEDS = 200;

  @Test
  void everyVariantIsCaughtByARunTheReferencePasses() throws IOException {
    int fuzzSeeds = Integer.getInteger("detection.fuzzSeeds", CI_FUZZ_SEEDS);
    boolean runEscapes = Boolean.getBoolean("detection.runEscapes");
    List<DetectionPower.Check> checks = DetectionPower.checks(new Catalog(), fuzzSeeds);
    DetectionPower power = new DetectionPower();
    List<DetectionPower.Outcome> outcomes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (MutantCompiler compiler = new MutantCompiler()) {
      for (BrokenVariant v : BrokenVariant.values()) {
        if (!selected(v)) {
          continue;
        }
        String escape = knownEscape(v);
        if (escape != null && !runEscapes) {
          outcomes.add(DetectionPower.Outcome.notRun(v, escape));
          continue;
        }
        DetectionPower.Outcome o = power.measure(v, v.implementation(compiler), checks);
        System.out.printf("%s: %s%n", v, o.caughtBy() == null ? "escapes " + o.runs() + " runs" : o.caughtBy() + " after "
            + o.runs() + " runs: " + o.failure());
        outcomes.add(o);
        problems.addAll(problems(o, escape));
      }
    }
    String table = DetectionPower.table(outcomes, fuzzSeeds, checks.size(), power.referenceRuns());
    Path out = Path.of("target", "detection-power.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println(table);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** {@code -Ddetection.variants=A,B} runs only those variants (for measuring one change); default all. */
  private static boolean selected(BrokenVariant v) {
    String only = System.getProperty("detection.variants", "");
    return only.isBlank() || List.of(only.split(",")).contains(v.name());
  }

  private static List<String> problems(DetectionPower.Outcome o, String escape) {
    if (o.caughtBy() != null && o.referenceFailure() != null) {
      return List.of(o.variant() + " was 'caught' by " + o.caughtBy() + ", which the reference fails too: "
          + o.referenceFailure());
    }
    if (escape == null && !o.caught()) {
      return List.of(o.variant() + " passed all " + o.runs() + " runs: the checks lost the power to catch it");
    }
    if (escape != null && o.caught()) {
      System.out.println("NOTE: the known escape " + o.variant() + " is caught now: remove it from knownEscape");
    }
    return List.of();
  }

  /**
   * Why a variant escapes the default checks of today (and what would catch it), or null when they
   * catch it. Measured with the full budget of the class comment.
   */
  static String knownEscape(BrokenVariant v) {
    // None today. The last two: ACCEPTED_FROM_AN_OLDER_BALLOT (caught since the stale-acknowledgements
    // scenario and the "decisions rest on a quorum" invariant) and RECOVERY_TRUSTING_A_TORN_RECORD
    // (caught since torn writes may keep their length with a zero-filled tail).
    return null;
  }
}
