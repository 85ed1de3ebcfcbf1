package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.compare.LeaderChanges;
import dev.omnisim.sim.SimLog;
import dev.omnisim.sim.TraceEvent;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line on the leader changes of a failed run, so a stall names itself: whether leaders kept
 * changing before the run stopped (a livelock) or not (a deadlock), with the last few. It replays the
 * seed with the trace recorded (the same run: same seed, same fingerprint).
 */
final class StallReport {
  /** How far back from the end a "recent" leader change may be. */
  static final long RECENT_MICROS = 10_000_000;

  private StallReport() {}

  static String describe(ScenarioRunner runner, ScenarioResult result) {
    ScenarioResult replay = runner.withRecordTrace(true).run(result.scenario(), result.seed());
    return describe(replay.trace(), replay.virtualMicros());
  }

  static String describe(List<TraceEvent> trace, long endMicros) {
    List<TraceEvent> all = LeaderChanges.between(trace, 0, endMicros);
    List<TraceEvent> recent = LeaderChanges.between(trace, endMicros - RECENT_MICROS, endMicros);
    String kind = recent.isEmpty() ? "no leader change in the last " + SimLog.formatMicros(RECENT_MICROS)
        + " before the run stopped (a deadlock: nobody takes over)"
        : recent.size() + " leader changes in the last " + SimLog.formatMicros(RECENT_MICROS)
            + " before the run stopped" + (recent.size() >= 3 ? " (a livelock: leaders keep changing)" : "");
    String last = all.stream().skip(Math.max(0, all.size() - 4))
        .map(e -> "server " + e.from() + " " + e.detail() + " at t=" + SimLog.formatMicros(e.timeMicros()))
        .collect(Collectors.joining("; "));
    return all.size() + " leader changes in the run; " + kind + (last.isEmpty() ? "" : "; last: " + last);
  }
}
