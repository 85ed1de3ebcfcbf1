package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.Divergence;
import dev.omnisim.sim.TraceEvent;
import java.util.List;

/** Explains a nondeterministic run: replays it twice with every event recorded and names the first difference. */
final class Determinism {
  private Determinism() {}

  /** Null when two recorded runs agree; otherwise a description naming the first divergent event. */
  static String describe(ScenarioRunner runner, Scenario scenario, long seed) {
    ScenarioRunner recording = runner.withRecordTrace(true);
    ScenarioResult a = recording.run(scenario, seed);
    ScenarioResult b = recording.run(scenario, seed);
    if (a.fingerprint().equals(b.fingerprint())) {
      return "nondeterministic: fingerprints differed once, but two recorded replays agree (" + a.fingerprint() + ")";
    }
    List<TraceEvent> x = a.trace();
    List<TraceEvent> y = b.trace();
    int n = Math.min(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      if (!x.get(i).equals(y.get(i))) {
        return "nondeterministic: fingerprints " + a.fingerprint() + " and " + b.fingerprint() + "; "
            + new Divergence(i, x.get(i), y.get(i)).describe();
      }
    }
    return "nondeterministic: fingerprints " + a.fingerprint() + " and " + b.fingerprint() + "; "
        + new Divergence(n, n < x.size() ? x.get(n) : null, n < y.size() ? y.get(n) : null).describe();
  }
}
