package dev.omnisim.scenarios.detection;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a broken implementation through the default checks, in a fixed order, until the first
 * failure: the lab suite for seeds 1..3 (all 11 scenarios with seed 1, then with seed 2, ...), the
 * extended set likewise, then the swarm ({@code ./omnisim fuzz}'s default: each seed draws its own
 * configuration and fault mix) and the fixed fuzz scenarios {@code fuzz}, {@code fuzz-3}, {@code
 * fuzz-7} and {@code fuzz-partial} for seeds 1..N, each seed on all five before the next seed. Every run that
 * catches a variant is run on the reference too, which must pass it: a failure the reference shares
 * says nothing about the variant.
 */
final class DetectionPower {
  /** Seeds of the lab suite and of the extended set. */
  static final int CATALOG_SEEDS = 3;
  /** The fuzz scenarios, in the order they are tried for each seed. */
  static final List<String> FUZZ = List.of("swarm", "fuzz", "fuzz-3", "fuzz-7", "fuzz-partial");

  /**
   * One run of the fixed order.
   *
   * @param phase {@code lab}, {@code extended} or {@code fuzz}
   * @param scenario the scenario
   * @param seed its seed
   */
  record Check(String phase, Scenario scenario, long seed) {
    @Override
    public String toString() {
      return scenario.name() + " --seed " + seed;
    }
  }

  /**
   * What the run showed for one variant.
   *
   * @param variant the variant
   * @param caughtBy the check that failed first, or null when every check passed
   * @param failure the first line of that failure ("" when not caught)
   * @param runs runs made, the catching one included
   * @param referenceFailure the reference's failure on {@code caughtBy}, or null when it passed it
   */
  record Outcome(BrokenVariant variant, Check caughtBy, String failure, int runs, String referenceFailure) {
    /** A known escape left out of this run to save its cost; {@code why} goes in the failure column. */
    static Outcome notRun(BrokenVariant variant, String why) {
      return new Outcome(variant, null, why, 0, null);
    }

    boolean caught() {
      return caughtBy != null && referenceFailure == null;
    }
  }

  private final ScenarioRunner reference = ScenarioRunner.reference();
  /** The reference's verdict per check (null when it passed), so a check shared by variants runs once. */
  private final Map<String, String> referenceVerdicts = new HashMap<>();

  /** Every check in the fixed order, with fuzz seeds 1..{@code fuzzSeeds}. */
  static List<Check> checks(Catalog catalog, int fuzzSeeds) {
    List<Scenario> lab = catalog.labSuite();
    Set<String> labNames = lab.stream().map(Scenario::name).collect(Collectors.toSet());
    List<Scenario> extended = catalog.all().stream()
        .filter(s -> !labNames.contains(s.name()) && !FuzzScenarios.isFuzzScenario(s.name())).toList();
    List<Check> checks = new ArrayList<>();
    addSeeds(checks, "lab", lab, CATALOG_SEEDS);
    addSeeds(checks, "extended", extended, CATALOG_SEEDS);
    addSeeds(checks, "fuzz", FUZZ.stream().map(catalog::require).toList(), fuzzSeeds);
    return checks;
  }

  private static void addSeeds(List<Check> checks, String phase, List<Scenario> scenarios, int seeds) {
    for (long seed = 1; seed <= seeds; seed++) {
      for (Scenario s : scenarios) {
        checks.add(new Check(phase, s, seed));
      }
    }
  }

  /** Runs {@code implementation} (the variant's) through {@code checks} until one fails. */
  Outcome measure(BrokenVariant variant, Implementation implementation, List<Check> checks) {
    ScenarioRunner broken = reference.withImplementation(implementation);
    int runs = 0;
    for (Check check : checks) {
      runs++;
      ScenarioResult result = broken.run(check.scenario(), check.seed());
      if (!result.passed()) {
        return new Outcome(variant, check, "[" + result.failure().kind() + "] " + firstLine(result.failure().describe()), runs,
            referenceVerdict(check));
      }
    }
    return new Outcome(variant, null, "", runs, null);
  }

  /** The reference's failure on {@code check}, or null when it passes. */
  String referenceVerdict(Check check) {
    String key = check.toString();
    if (!referenceVerdicts.containsKey(key)) {
      ScenarioResult r = reference.run(check.scenario(), check.seed());
      referenceVerdicts.put(key, r.passed() ? null : firstLine(r.failure().describe()));
    }
    return referenceVerdicts.get(key);
  }

  /** Runs of the reference made so far (one per distinct catching check). */
  int referenceRuns() {
    return referenceVerdicts.size();
  }

  static String firstLine(String failure) {
    String line = failure.lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + " …" : line;
  }

  /** The outcomes as a Markdown table, one row per variant. */
  static String table(List<Outcome> outcomes, int fuzzSeeds, int totalChecks, int referenceRuns) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Checks, in order: lab suite seeds 1..%d, extended set seeds 1..%d, %s seeds 1..%d"
        + " (%d runs at most per variant).%n%n", CATALOG_SEEDS, CATALOG_SEEDS, String.join(", ", FUZZ), fuzzSeeds,
        totalChecks));
    md.append("| variant | class | mistake | caught by | first line of the failure | runs to catch |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      md.append("| ").append(o.variant().name()).append(" | ").append(o.variant().layer.label).append(" | ")
          .append(o.variant().mistake).append(" | ").append(caughtBy(o)).append(" | ").append(cell(o.failure()))
          .append(" | ").append(o.caughtBy() == null ? "not caught in " + o.runs() : String.valueOf(o.runs()))
          .append(" |\n");
    }
    long caught = outcomes.stream().filter(Outcome::caught).count();
    long run = outcomes.stream().filter(o -> o.runs() > 0).count();
    long sharedWithReference = outcomes.stream().filter(o -> o.caughtBy() != null && o.referenceFailure() != null).count();
    md.append(String.format(Locale.ROOT, "%nCaught: %d of %d variants run (%d in the set). The reference ran each"
        + " catching run (%d distinct) and failed %d of them.%n", caught, run, outcomes.size(), referenceRuns,
        sharedWithReference));
    return md.toString();
  }

  private static String caughtBy(Outcome o) {
    if (o.runs() == 0) {
      return "not run (known escape)";
    }
    if (o.caughtBy() == null) {
      return "**escapes**";
    }
    String where = o.caughtBy().phase() + ": `" + o.caughtBy() + "`";
    return o.referenceFailure() == null ? where : where + " (the reference fails it too: " + cell(o.referenceFailure()) + ")";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
