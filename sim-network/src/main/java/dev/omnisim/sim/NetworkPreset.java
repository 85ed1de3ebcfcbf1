package dev.omnisim.sim;

/**
 * Network conditions matching MIT labrpc's modes, applied with {@link Network#apply(NetworkPreset)}.
 * Each sets the default link faults and how long a call to an unreachable node takes to fail.
 */
public enum NetworkPreset {
  /** No loss; small delays (0.1–1 ms); a call to an unreachable node fails within 100 ms. */
  RELIABLE(LinkFaults.NONE.withLatency(new Latency.Uniform(100, 1_000)), Latency.uniformMillis(0, 99)),

  /** labrpc's unreliable mode: 0–26 ms delays, 10 % of requests and 10 % of replies dropped. */
  UNRELIABLE(
      LinkFaults.NONE.withLatency(Latency.uniformMillis(0, 26)).withDropProbability(0.10),
      Latency.uniformMillis(0, 99)),

  /** labrpc's long delays: as reliable, but a call to an unreachable node fails after up to 7 s. */
  LONG_DELAYS(RELIABLE.faults, Latency.uniformMillis(0, 7_000)),

  /** labrpc's long reordering: about 2/3 of messages delayed by 200 ms plus up to 2 s. */
  LONG_REORDERING(
      RELIABLE.faults.withSpikes(2.0 / 3.0, Latency.uniformMillis(200, 2_200)),
      Latency.uniformMillis(0, 99));

  private final LinkFaults faults;
  private final Latency unreachableFailure;

  NetworkPreset(LinkFaults faults, Latency unreachableFailure) {
    this.faults = faults;
    this.unreachableFailure = unreachableFailure;
  }

  /** The default faults of every link under this preset. */
  public LinkFaults faults() {
    return faults;
  }

  /** How long a call to an unreachable or down node takes to fail under this preset. */
  public Latency unreachableFailure() {
    return unreachableFailure;
  }
}
