/**
 * The {@code omnisim} command line (picocli). This package is outside the simulation: it may read the
 * wall clock to report how long a run took, and start threads to run many simulations at once.
 */
package dev.omnisim.scenarios.cli;
