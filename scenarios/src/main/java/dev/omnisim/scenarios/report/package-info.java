/**
 * The run report: one self-contained HTML page (inline CSS, script and data; opens from {@code
 * file://}) that shows what happened in a simulated run — a space-time diagram of servers and
 * clients with messages, drops, crashes, network faults and the leader over time, the client
 * operations with the linearizability checker's verdict, and how to replay the run. Everything here
 * is a pure function from a {@link dev.omnisim.scenarios.ScenarioResult} to text: the same run gives
 * byte-identical HTML.
 */
package dev.omnisim.scenarios.report;
