package dev.omnisim.sim;

import java.util.random.RandomGenerator;

/**
 * A seeded random stream with a fixed, documented algorithm (SplitMix64), so that a seed draws the
 * same numbers on every JVM, version and platform. {@link java.util.Random} and {@link
 * java.util.SplittableRandom} are not used because their algorithms are not part of our contract.
 *
 * <p>Streams are derived by name from a run's seed ({@link #derive}), so each component (the
 * network, node 3, client 7) draws from its own stream and adding a component does not change what
 * the others draw.
 */
public final class DeterministicRandom implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  /** A stream starting from {@code seed}. */
  public DeterministicRandom(long seed) {
    this.state = mix64(seed);
  }

  /** The stream named {@code name} of the run with seed {@code seed}. */
  public static DeterministicRandom derive(long seed, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("random stream name must not be empty, was '" + name + "'");
    }
    return new DeterministicRandom(mix64(seed) ^ fnv1a64(name));
  }

  @Override
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** True with probability {@code p}; draws nothing when p is 0 or 1, so such settings cost nothing. */
  public boolean chance(double p) {
    if (p <= 0.0) {
      return false;
    }
    if (p >= 1.0) {
      return true;
    }
    return nextDouble() < p;
  }

  /** The SplitMix64 finaliser: a bijective mix of the 64 bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 code units of {@code s}: stable, unlike {@link String#hashCode} it is 64 bits. */
  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
