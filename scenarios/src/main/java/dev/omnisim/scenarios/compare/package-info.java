/**
 * {@code omnisim compare}: the Omni-Paxos paper's partial-connectivity experiment (§7.2, Figure 7,
 * Table 1; experiment E1 of its artifact) on every registered protocol, in the simulator. A closed-loop
 * client load, a warm-up, a cut into one of figure 5's shapes, a fixed window; per protocol × scenario ×
 * election timeout × seed: recovered or not, down-time, entries decided in the window and leader
 * changes. Runs go through the cluster harness, so every invariant is checked after every step.
 */
package dev.omnisim.scenarios.compare;
