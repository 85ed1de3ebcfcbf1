package dev.omnisim.sim;

/** A simulation ran past its cap on events or on virtual time: a livelock or a run without end. */
public final class SimulationLimitExceeded extends RuntimeException {
  SimulationLimitExceeded(String message) {
    super(message);
  }
}
