package dev.omnisim.consensus.archfixtures;

import dev.omnisim.sim.Simulation;

/** Breaks the layering on purpose: contract code that knows it runs in the simulator. */
public final class ContractOnTheKernel {
  private ContractOnTheKernel() {}

  /** Reads the simulator's clock: a protocol must get time only as ticks. */
  public static long now(Simulation sim) {
    return sim.now();
  }
}
