package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.Divergence;

/** Explains a nondeterministic run: replays it twice with every event recorded and names the first difference. */
final class Determinism {
  private Determinism() {}

  /** Why the seed's runs differ, naming the first divergent event (or saying two recorded replays agree). */
  static String describe(ScenarioRunner runner, Scenario scenario, long seed) {
    ScenarioRunner recording = runner.withRecordTrace(true);
    ScenarioResult a = recording.run(scenario, seed);
    ScenarioResult b = recording.run(scenario, seed);
    if (a.fingerprint().equals(b.fingerprint())) {
      return "nondeterministic: fingerprints differed once, but two recorded replays agree (" + a.fingerprint() + ")";
    }
    Divergence d = Divergence.between(a.trace(), b.trace()).orElse(new Divergence(a.trace().size(), null, null));
    return "nondeterministic: fingerprints " + a.fingerprint() + " and " + b.fingerprint() + "; " + d.describe();
  }
}
