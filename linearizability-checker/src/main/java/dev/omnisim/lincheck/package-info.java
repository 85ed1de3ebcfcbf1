/**
 * A Knossos-style linearizability checker: histories of concurrent operations, sequential models
 * (key-value, register, cas-register, ...), the Wing and Gong search with Lowe's memoisation,
 * history file formats, and reports that show why a history is not linearizable.
 */
package dev.omnisim.lincheck;
