package dev.omnisim.scenarios.fuzz;

/**
 * The shape of a fuzz scenario.
 *
 * @param name the scenario's name
 * @param servers number of servers
 * @param clients number of clients, each running random operations for the whole fault window
 * @param keys size of the key space the clients draw from (small, so operations collide)
 * @param faultWindowMicros how long faults are injected; then everything heals
 * @param thinkMaxMicros a client waits uniformly up to this long between two operations
 * @param livenessBoundMicros after healing, every client must complete an operation within this
 * @param partialConnectivityPhase before the heal, demand progress in one of the paper's
 *     partial-connectivity shapes too
 */
public record FuzzConfig(String name, int servers, int clients, int keys, long faultWindowMicros,
    long thinkMaxMicros, long livenessBoundMicros, boolean partialConnectivityPhase) {

  public FuzzConfig {
    if (servers < 1 || clients < 1 || keys < 1) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": servers, clients and keys must be >= 1, were "
          + servers + ", " + clients + ", " + keys);
    }
    if (thinkMaxMicros < 0) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": thinkMaxMicros must be >= 0, was " + thinkMaxMicros);
    }
    if (faultWindowMicros <= 0 || livenessBoundMicros <= 0) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": faultWindowMicros and livenessBoundMicros must be"
          + " > 0, were " + faultWindowMicros + " and " + livenessBoundMicros);
    }
  }
}
