package dev.omnisim.sim;

/**
 * How a directed link treats the messages it carries. Every fault is a probability (per message) plus
 * a duration; a link that is cut is a separate matter ({@link Network}).
 *
 * @param latency one-way delay of each message
 * @param dropProbability chance that a message (one-way, RPC request or RPC reply) is lost, in [0, 1]
 * @param duplicateProbability chance that a delivered message is delivered a second time, with its
 *     own delay, in [0, 1]
 * @param fifo true when messages on this link arrive in the order they were sent, whatever their
 *     sampled delays; false lets delays reorder them
 * @param spikeProbability chance that a message gets an extra delay drawn from {@code spike}, in
 *     [0, 1] (labrpc's long reordering)
 * @param spike the extra delay of a spiked message
 */
public record LinkFaults(
    Latency latency,
    double dropProbability,
    double duplicateProbability,
    boolean fifo,
    double spikeProbability,
    Latency spike) {

  /** No loss, no duplication, unordered, a constant 1 ms delay. */
  public static final LinkFaults NONE =
      new LinkFaults(new Latency.Constant(1_000), 0, 0, false, 0, new Latency.Constant(0));

  public LinkFaults {
    if (latency == null) {
      throw new IllegalArgumentException("link latency must be given, was null");
    }
    if (spike == null) {
      throw new IllegalArgumentException("link spike latency must be given, was null");
    }
    requireProbability("dropProbability", dropProbability);
    requireProbability("duplicateProbability", duplicateProbability);
    requireProbability("spikeProbability", spikeProbability);
  }

  /** The same faults with another latency. */
  public LinkFaults withLatency(Latency newLatency) {
    return new LinkFaults(newLatency, dropProbability, duplicateProbability, fifo, spikeProbability, spike);
  }

  /** The same faults with another drop probability. */
  public LinkFaults withDropProbability(double p) {
    return new LinkFaults(latency, p, duplicateProbability, fifo, spikeProbability, spike);
  }

  /** The same faults with another duplication probability. */
  public LinkFaults withDuplicateProbability(double p) {
    return new LinkFaults(latency, dropProbability, p, fifo, spikeProbability, spike);
  }

  /** The same faults, FIFO or not. */
  public LinkFaults withFifo(boolean newFifo) {
    return new LinkFaults(latency, dropProbability, duplicateProbability, newFifo, spikeProbability, spike);
  }

  /** The same faults with delay spikes of the given probability and length. */
  public LinkFaults withSpikes(double p, Latency extra) {
    return new LinkFaults(latency, dropProbability, duplicateProbability, fifo, p, extra);
  }

  private static void requireProbability(String setting, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("link " + setting + " must be within [0, 1], was " + p);
    }
  }
}
