/**
 * Fuzzing with the fault vocabulary of {@link dev.omnisim.sim.fault}: {@link
 * dev.omnisim.sim.fault.FaultAction} is the one fault type of the project (the lab's and the extended
 * scenarios, the nemesis, saved schedules, the OmniPaxos module's tests and the scenarios' tests all
 * use it, the paper's figure 5 shapes included); a {@link dev.omnisim.sim.fault.TimedFault} gives an
 * action its time in a {@link dev.omnisim.scenarios.fuzz.FaultSchedule}, an explicit value
 * saved as JSON with its {@link dev.omnisim.scenarios.fuzz.FuzzConfig}. The {@link
 * dev.omnisim.scenarios.fuzz.Nemesis} draws schedules by the weights of a {@link
 * dev.omnisim.scenarios.fuzz.FaultMix}; {@link dev.omnisim.scenarios.fuzz.Swarm} draws a whole
 * configuration per seed; the fuzz scenarios run a schedule under a random workload and demand
 * progress; the {@link dev.omnisim.scenarios.fuzz.Shrinker} cuts a failing schedule down.
 */
package dev.omnisim.scenarios.fuzz;
