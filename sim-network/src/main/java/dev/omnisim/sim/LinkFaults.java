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
 *     sampled delays; false lets delays reorder them. A stale message is the one exception.
 * @param spikeProbability chance that a message gets an extra delay drawn from {@code spike}, in
 *     [0, 1] (labrpc's long reordering). On a FIFO link a spike also holds back the messages behind it.
 * @param spike the extra delay of a spiked message
 * @param staleProbability chance that a message (each copy of it) is held back by an extra delay drawn
 *     from {@code stale}, in [0, 1]. Unlike a spike, a stale message ignores FIFO order: the messages
 *     sent after it overtake it, so it arrives long after them (a Promise or an Accepted that shows up
 *     several ballots late, as from a retransmission queue that outlived a reconnect).
 * @param stale the extra delay of a stale message; pick several election timeouts
 */
public record LinkFaults(
    Latency latency,
    double dropProbability,
    double duplicateProbability,
    boolean fifo,
    double spikeProbability,
    Latency spike,
    double staleProbability,
    Latency stale) {

  /** No loss, no duplication, no spikes, no stale messages, unordered, a constant 1 ms delay. */
  public static final LinkFaults NONE =
      new LinkFaults(new Latency.Constant(1_000), 0, 0, false, 0, new Latency.Constant(0));

  public LinkFaults {
    if (latency == null) {
      throw new IllegalArgumentException("link latency must be given, was null");
    }
    if (spike == null) {
      throw new IllegalArgumentException("link spike latency must be given, was null");
    }
    if (stale == null) {
      throw new IllegalArgumentException("link stale latency must be given, was null");
    }
    requireProbability("dropProbability", dropProbability);
    requireProbability("duplicateProbability", duplicateProbability);
    requireProbability("spikeProbability", spikeProbability);
    requireProbability("staleProbability", staleProbability);
  }

  /** Faults without stale messages (the settings that existed before stale messages did). */
  public LinkFaults(Latency latency, double dropProbability, double duplicateProbability, boolean fifo,
      double spikeProbability, Latency spike) {
    this(latency, dropProbability, duplicateProbability, fifo, spikeProbability, spike, 0, new Latency.Constant(0));
  }

  /** The same faults with another latency. */
  public LinkFaults withLatency(Latency newLatency) {
    return new LinkFaults(newLatency, dropProbability, duplicateProbability, fifo, spikeProbability, spike,
        staleProbability, stale);
  }

  /** The same faults with another drop probability. */
  public LinkFaults withDropProbability(double p) {
    return new LinkFaults(latency, p, duplicateProbability, fifo, spikeProbability, spike, staleProbability, stale);
  }

  /** The same faults with another duplication probability. */
  public LinkFaults withDuplicateProbability(double p) {
    return new LinkFaults(latency, dropProbability, p, fifo, spikeProbability, spike, staleProbability, stale);
  }

  /** The same faults, FIFO or not. */
  public LinkFaults withFifo(boolean newFifo) {
    return new LinkFaults(latency, dropProbability, duplicateProbability, newFifo, spikeProbability, spike,
        staleProbability, stale);
  }

  /** The same faults with delay spikes of the given probability and length. */
  public LinkFaults withSpikes(double p, Latency extra) {
    return new LinkFaults(latency, dropProbability, duplicateProbability, fifo, p, extra, staleProbability, stale);
  }

  /**
   * The same faults where a message is held back with probability {@code p} by an extra delay drawn from
   * {@code extra}, overtaken by the messages sent after it, FIFO or not.
   */
  public LinkFaults withStaleMessages(double p, Latency extra) {
    return new LinkFaults(latency, dropProbability, duplicateProbability, fifo, spikeProbability, spike, p, extra);
  }

  /**
   * The record's usual text, naming the stale settings only when stale messages are on: network changes
   * are folded into the trace by their text, so faults set up without stale messages keep the
   * fingerprints they had before stale messages existed.
   */
  @Override
  public String toString() {
    String base = "LinkFaults[latency=" + latency + ", dropProbability=" + dropProbability
        + ", duplicateProbability=" + duplicateProbability + ", fifo=" + fifo + ", spikeProbability="
        + spikeProbability + ", spike=" + spike;
    return staleProbability == 0 ? base + "]" : base + ", staleProbability=" + staleProbability + ", stale=" + stale + "]";
  }

  private static void requireProbability(String setting, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("link " + setting + " must be within [0, 1], was " + p);
    }
  }
}
