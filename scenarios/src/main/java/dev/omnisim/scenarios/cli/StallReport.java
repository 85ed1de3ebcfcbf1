package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.compare.LeaderChanges;
import dev.omnisim.sim.SimLog;
import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line on the leader changes of a failed run, so a stall names itself: whether leaders kept
 * changing after the last change of the network (3 or more: a livelock) or not (none, or one or two and then
 * none until the run stopped: a deadlock), with the last few. It replays the seed with the trace recorded (the
 * same run: same seed, same fingerprint).
 */
final class StallReport {
  private StallReport() {}

  static String describe(ScenarioRunner runner, ScenarioResult result) {
    ScenarioResult replay = runner.withRecordTrace(true).run(result.scenario(), result.seed());
    return describe(replay.trace(), replay.virtualMicros());
  }

  /** The leader changes of {@code trace}, split at the last change of the network before {@code endMicros}. */
  static String describe(List<TraceEvent> trace, long endMicros) {
    long lastChange = trace.stream().filter(e -> e.kind() == TraceKind.NETWORK && e.timeMicros() <= endMicros)
        .mapToLong(TraceEvent::timeMicros).max().orElse(0);
    List<TraceEvent> all = LeaderChanges.between(trace, 0, endMicros);
    List<TraceEvent> since = LeaderChanges.between(trace, lastChange + 1, endMicros);
    String period = "since the last network change at t=" + SimLog.formatMicros(lastChange) + " ("
        + SimLog.formatMicros(endMicros - lastChange) + " before the run stopped)";
    String kind;
    if (since.isEmpty()) {
      kind = "no leader change " + period + ": a deadlock, nobody takes over";
    } else if (since.size() >= 3) {
      kind = changes(since.size()) + " " + period + ": a livelock, leaders keep changing";
    } else {
      long lastMicros = since.getLast().timeMicros();
      kind = changes(since.size()) + " " + period + ", the last at t=" + SimLog.formatMicros(lastMicros) + ", then none for "
          + SimLog.formatMicros(endMicros - lastMicros) + ": a deadlock";
    }
    String last = all.stream().skip(Math.max(0, all.size() - 4))
        .map(e -> "server " + e.from() + " " + e.detail() + " at t=" + SimLog.formatMicros(e.timeMicros()))
        .collect(Collectors.joining("; "));
    return changes(all.size()) + " in the run; " + kind + (last.isEmpty() ? "" : "; last: " + last);
  }

  private static String changes(int n) {
    return n + (n == 1 ? " leader change" : " leader changes");
  }
}
