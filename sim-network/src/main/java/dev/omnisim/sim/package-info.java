/**
 * The deterministic simulation kernel: a virtual clock in microseconds, one event queue ordered by
 * (time, insertion sequence), seeded random streams derived by name, nodes with a context to send,
 * call, set timers and write to their disk, a simulated network with the whole fault model (drops,
 * duplication, latency distributions, reordering, stale messages, cuts one way or both, partitions,
 * partial connectivity), crash and restart, counters, and a trace whose fingerprint identifies a run.
 *
 * <p>The harsher faults, each off by default so that existing runs keep their fingerprints:
 *
 * <ul>
 *   <li><b>Crash points inside a step</b>: {@link dev.omnisim.sim.Simulation#crashDuringNextStep} and
 *       per-node random {@link dev.omnisim.sim.CrashPoints} stop a node between two effects of one
 *       step (disk changes and syncs, sends, calls, replies, timers), so a node that sends before it
 *       syncs is caught.
 *   <li><b>Partial loss at a crash</b>: {@link dev.omnisim.sim.DiskMode#PARTIAL} keeps a seeded random
 *       prefix of each file's unsynced writes, {@link dev.omnisim.sim.DiskMode#TORN} also tears the next
 *       write; {@link dev.omnisim.sim.Counters#crashesThatLostWrites()} says how many crashes lost
 *       something.
 *   <li><b>Stale messages</b>: {@link dev.omnisim.sim.LinkFaults#withStaleMessages} holds single messages
 *       back, past the messages sent after them, even on FIFO links.
 *   <li><b>One-way faults of nodes and groups</b>: {@link dev.omnisim.sim.Network#isolateOutgoing},
 *       {@link dev.omnisim.sim.Network#isolateIncoming}, group-to-group {@link
 *       dev.omnisim.sim.Network#cutOneWay(java.util.Collection, java.util.Collection)}.
 * </ul>
 *
 * <p>Everything here runs on one thread per simulation and reads no wall clock: a run is a pure
 * function of (what was set up, seed, code). Each fault draws from its own stream ({@code network},
 * {@code disk-<id>}, {@code crash-points-<id>}), so switching one on changes no other's draws.
 */
package dev.omnisim.sim;
