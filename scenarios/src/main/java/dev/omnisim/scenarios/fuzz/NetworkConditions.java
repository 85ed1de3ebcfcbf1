package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;

/**
 * The network a fuzz run starts from and returns to at every heal: latency drawn uniformly between
 * two bounds (the jitter reorders messages), and a chance to lose or duplicate each message.
 *
 * @param latencyMinMicros shortest delivery delay
 * @param latencyMaxMicros longest delivery delay
 * @param dropProbability chance that a message is lost
 * @param duplicateProbability chance that a message is delivered twice
 */
public record NetworkConditions(long latencyMinMicros, long latencyMaxMicros, double dropProbability,
    double duplicateProbability) {

  /** labrpc's reliable network: 0.1–1 ms, nothing lost (the original fuzz scenarios). */
  public static final NetworkConditions RELIABLE = new NetworkConditions(100, 1_000, 0, 0);

  /** Checks the bounds. */
  public NetworkConditions {
    if (latencyMinMicros < 0 || latencyMaxMicros < latencyMinMicros) {
      throw new IllegalArgumentException("latency must satisfy 0 <= min <= max, was " + latencyMinMicros + ".."
          + latencyMaxMicros + " µs");
    }
    if (!(dropProbability >= 0 && dropProbability < 1) || !(duplicateProbability >= 0 && duplicateProbability < 1)) {
      throw new IllegalArgumentException("drop and duplicate probabilities must be in [0, 1), were " + dropProbability
          + " and " + duplicateProbability);
    }
  }

  /** The link faults these conditions stand for. */
  public LinkFaults linkFaults() {
    return LinkFaults.NONE.withLatency(new Latency.Uniform(latencyMinMicros, latencyMaxMicros))
        .withDropProbability(dropProbability).withDuplicateProbability(duplicateProbability);
  }
}
