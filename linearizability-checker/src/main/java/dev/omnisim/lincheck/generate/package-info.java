/**
 * Seeded generators of linearisable histories, made by simulating a real object under concurrent
 * clients: the histories the benchmarks check and a source of realistic test input.
 */
package dev.omnisim.lincheck.generate;
