/**
 * The cluster harness, workloads, fault schedules, the named scenario catalog, the runner and the
 * {@code omnisim} command line.
 */
package dev.omnisim.scenarios;
