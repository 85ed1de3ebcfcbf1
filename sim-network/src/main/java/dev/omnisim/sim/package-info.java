/**
 * The deterministic simulation kernel: a virtual clock in microseconds, one event queue ordered by
 * (time, insertion sequence), seeded random streams derived by name, nodes with a context to send,
 * call, set timers and write to their disk, a simulated network with the whole fault model (drops,
 * duplication, latency distributions, reordering, cuts, partitions, partial connectivity), crash and
 * restart, counters, and a trace whose fingerprint identifies a run.
 *
 * <p>Everything here runs on one thread per simulation and reads no wall clock: a run is a pure
 * function of (what was set up, seed, code).
 */
package dev.omnisim.sim;
