/**
 * A Knossos-style linearizability checker: histories of concurrent operations, sequential models
 * (key-value, register, cas-register, ...), the Wing and Gong search with Lowe's memoisation,
 * history file formats, and reports that show why a history is not linearizable.
 *
 * <p>This package holds the core: {@link dev.omnisim.lincheck.History} and its {@link
 * dev.omnisim.lincheck.HistoryRecorder}, the {@link dev.omnisim.lincheck.Model} interface, the
 * {@link dev.omnisim.lincheck.Checker} and its results. Beside it: {@code model} (the built-in
 * models), {@code format} (JSON lines and Jepsen EDN), {@code report} (the HTML report) and {@code
 * generate} (seeded linearisable histories for benchmarks and tests). The checker runs outside
 * simulations: it may read the wall clock for its time budget and start threads for partitions.
 */
package dev.omnisim.lincheck;
