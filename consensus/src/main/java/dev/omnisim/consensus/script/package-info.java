/**
 * Interaction scripts for protocol tests, in the style of etcd/raft's datadriven tests: a script is a
 * list of commands (add peers, tick, cut and heal links, deliver or drop named messages, propose, print
 * state), each followed by {@code ----} and the output it must print. {@link InteractionScript} runs a
 * script file against any {@link dev.omnisim.consensus.ConsensusPeerFactory} on a {@link ScriptCluster},
 * a sans-IO cluster with no clock, no randomness but seeded streams, and no threads; it fails with a
 * readable diff, or rewrites the expectations in rewrite mode. It depends only on the contract, so any
 * protocol module's tests can use it.
 */
package dev.omnisim.consensus.script;
