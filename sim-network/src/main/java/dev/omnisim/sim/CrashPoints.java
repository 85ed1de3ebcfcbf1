package dev.omnisim.sim;

/**
 * Random crashes of one node inside its steps ({@link Simulation#setCrashPoints}): before each step the
 * node crashes in it with {@code stepProbability}; the kernel then lets a number of the step's effects
 * happen, drawn uniformly from [0, {@code effectsMax}], crashes the node before the next one (or at the
 * end of the step when it has no more), and restarts it after {@code downtime}. Draws come from the
 * node's own {@code crash-points-<id>} stream, so no other component's draws change.
 *
 * @param stepProbability chance, per step of the node, that it crashes inside that step, in [0, 1]
 * @param effectsMax most effects (disk changes and syncs, sends, calls, replies, timers set) that
 *     happen in a crashing step before the crash; at least 0
 * @param downtime how long the node stays down before the simulation restarts it
 */
public record CrashPoints(double stepProbability, int effectsMax, Latency downtime) {

  /** No crash points: the default of every node. */
  public static final CrashPoints NONE = new CrashPoints(0, 0, new Latency.Constant(0));

  public CrashPoints {
    if (!(stepProbability >= 0.0 && stepProbability <= 1.0)) {
      throw new IllegalArgumentException("crash points stepProbability must be within [0, 1], was " + stepProbability);
    }
    if (effectsMax < 0) {
      throw new IllegalArgumentException("crash points effectsMax must be >= 0, was " + effectsMax);
    }
    if (downtime == null) {
      throw new IllegalArgumentException("crash points downtime must be given, was null");
    }
  }
}
