/**
 * Fuzzing fault schedules: fault actions as explicit, serializable values ({@link
 * dev.omnisim.scenarios.fuzz.FaultSchedule}), a nemesis that generates them from a seed across the
 * whole fault model, the fuzz scenarios that run a schedule under a random workload and then demand
 * progress after healing, and the shrinker that cuts a failing schedule down to a few actions.
 */
package dev.omnisim.scenarios.fuzz;
