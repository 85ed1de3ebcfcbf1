/**
 * Grading submissions: loading a jar or compiling a project folder, running every scenario × seed of
 * a rubric in child JVMs with a heap and a wall-clock limit, scoring, and writing the reports (console,
 * JSON, JUnit XML, Markdown, a CSV gradebook). This package is outside the simulation: it starts
 * processes and threads and reads the wall clock; the simulations themselves run in the child JVMs.
 */
package dev.omnisim.scenarios.grading;
