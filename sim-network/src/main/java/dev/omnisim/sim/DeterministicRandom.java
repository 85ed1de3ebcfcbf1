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

  // Every derived draw is defined here rather than inherited from RandomGenerator's default methods,
  // whose algorithms the JDK does not promise to keep: a seed must draw the same on every JDK. The
  // bounded draws are the rejection loops of today's JDK (RandomSupport.boundedNextInt/Long).

  @Override
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, was " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // rejected: draw again so every value is equally likely
    }
    return r;
  }

  @Override
  public int nextInt(int origin, int bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("origin must be < bound, were " + origin + " and " + bound);
    }
    return origin + nextInt(bound - origin);
  }

  @Override
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0, was " + bound);
    }
    long m = bound - 1;
    long r = nextLong();
    if ((bound & m) == 0L) {
      return r & m;
    }
    for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
      // rejected: draw again so every value is equally likely
    }
    return r;
  }

  @Override
  public long nextLong(long origin, long bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("origin must be < bound, were " + origin + " and " + bound);
    }
    return origin + nextLong(bound - origin);
  }

  @Override
  public boolean nextBoolean() {
    return nextInt() < 0;
  }

  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A standard normal draw by the Box–Muller transform (two uniform draws per call, nothing cached). */
  @Override
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // in (0, 1]: log is finite
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
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
