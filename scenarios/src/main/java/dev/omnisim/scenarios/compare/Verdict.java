package dev.omnisim.scenarios.compare;

/**
 * What a protocol did after the cut, in the words of the paper's Table 1. Livelock and deadlock both
 * mean no progress at the end of the window; they are told apart by leader changes: a livelocked
 * protocol keeps electing leaders that cannot make progress (or lose it again at once), a deadlocked
 * one stops electing.
 */
public enum Verdict {
  /** Entries were being decided again at the end of the window. */
  RECOVERS("recovers"),
  /** No progress at the end of the window, and leaders kept changing. */
  LIVELOCK("livelock"),
  /** No progress at the end of the window, and hardly any leader change. */
  DEADLOCK("deadlock");

  /** Leader changes in the window from which a run without progress counts as a livelock. */
  public static final int LIVELOCK_LEADER_CHANGES = 3;

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The word the tables print. */
  public String label() {
    return label;
  }

  /** The verdict of one run. */
  public static Verdict of(CompareRun run) {
    if (run.recovered()) {
      return RECOVERS;
    }
    return run.leaderChanges() >= LIVELOCK_LEADER_CHANGES ? LIVELOCK : DEADLOCK;
  }
}
