package dev.omnisim.sim;

/** A pending timer of a node. */
public interface Timer {

  /** Stops the timer from firing; does nothing when it already fired or was cancelled. */
  void cancel();

  /** True until the timer fires or is cancelled (or its node crashes). */
  boolean isPending();
}
