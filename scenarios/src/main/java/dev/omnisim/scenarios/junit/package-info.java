/**
 * JUnit 5 glue for a library user's tests: {@link dev.omnisim.scenarios.junit.SimulationTest} runs a
 * test method once per seed, hands it a {@link dev.omnisim.scenarios.junit.SimulationRun} (the seed,
 * and a place to record what the run did), and on a failure prints the seed, the command that reruns
 * that seed alone and the folder it wrote the evidence to. JUnit is not passed on by
 * {@code dev.omnisim:scenarios}: the user's project has it already.
 */
package dev.omnisim.scenarios.junit;
