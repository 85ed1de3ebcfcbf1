package dev.omnisim.sim;

/**
 * Runs that use only what the kernel had before crash points, partial disks, stale messages and
 * one-way group faults existed. {@link FingerprintStabilityTest} pins their fingerprints, measured on
 * the code before those faults were added, so new faults that stay switched off change no existing run.
 * This class must keep compiling against that older kernel: it uses no newer API.
 */
final class LegacyScenarios {
  private LegacyScenarios() {}

  /** The fixed gossip scenario with every disk lossy: crashes lose the unsynced counter. */
  static Simulation lossy(long seed) {
    Simulation sim = FixedScenario.build(seed, SimulationOptions.DEFAULTS);
    for (int i = 0; i < FixedScenario.NODES; i++) {
      sim.disk(i).setMode(DiskMode.LOSSY);
    }
    sim.schedule(2_200_000, "crash 0", () -> sim.crash(0));
    sim.schedule(2_300_000, "restart 0", () -> sim.restart(0));
    sim.runFor(FixedScenario.RUN_MICROS);
    return sim;
  }

  /** Gossip over FIFO links with long reordering, a one-way cut, a partition and per-link faults. */
  static Simulation reordering(long seed) {
    Simulation sim = new Simulation(seed);
    sim.network().apply(NetworkPreset.LONG_REORDERING);
    sim.network().setDefaultFaults(sim.network().defaultFaults().withFifo(true).withDropProbability(0.05));
    for (int i = 0; i < FixedScenario.NODES; i++) {
      sim.addNode(i, FixedScenario.GossipNode::new);
    }
    sim.network().setLinkFaults(0, 1, LinkFaults.NONE.withDuplicateProbability(0.5));
    sim.schedule(500_000, "one-way", () -> sim.network().cutOneWay(1, 2));
    sim.schedule(900_000, "partition", () -> sim.network().partition(new int[] {0, 1}, new int[] {2, 3, 4}));
    sim.schedule(1_700_000, "heal", () -> sim.network().heal());
    sim.runFor(FixedScenario.RUN_MICROS);
    return sim;
  }

  /** Prints the three fingerprints for seed {@code args[0]}: fixed, lossy, reordering. */
  public static void main(String[] args) {
    long seed = Long.parseLong(args[0]);
    System.out.println(FixedScenario.fingerprint(seed));
    System.out.println(lossy(seed).trace().fingerprintHex());
    System.out.println(reordering(seed).trace().fingerprintHex());
  }
}
