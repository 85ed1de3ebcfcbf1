package dev.omnisim.scenarios.archfixtures;

/** Breaks rule 3 on purpose. */
public final class UsesWallClockAndRandom {
  long now() {
    return System.currentTimeMillis();
  }

  double draw() {
    return Math.random();
  }
}
