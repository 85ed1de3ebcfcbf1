/**
 * The fault vocabulary: {@link dev.omnisim.sim.fault.FaultAction}, one value per fault (partitions,
 * the paper's figure 5 shapes, topologies, one-way cuts, clogs, loss bursts, stale messages, crashes,
 * crash points inside a step, disk modes, heal), applied to the servers of a {@link
 * dev.omnisim.sim.fault.FaultTarget}; a {@link dev.omnisim.sim.fault.TimedFault} pairs an action
 * with its time in a schedule. It lives with the kernel so that every layer's tests (the consensus
 * protocols' and the key-value service's) speak it; the scenarios module generates, saves, replays
 * and shrinks schedules of it.
 */
package dev.omnisim.sim.fault;
