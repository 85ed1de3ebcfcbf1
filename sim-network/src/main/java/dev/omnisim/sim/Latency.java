package dev.omnisim.sim;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * A one-way message delay distribution, in microseconds of virtual time. Samples are drawn from the
 * caller's seeded stream; {@link #distribution()} gives the same law as a Commons Math distribution
 * so tests can compare samples with it (Kolmogorov–Smirnov).
 */
public sealed interface Latency {

  /** Draws one delay in microseconds, never negative. */
  long sampleMicros(RandomGenerator random);

  /** The continuous law this latency samples from (before rounding to whole microseconds). */
  RealDistribution distribution();

  /** Always the same delay. */
  record Constant(long micros) implements Latency {
    public Constant {
      requireNonNegative("micros", micros);
    }

    @Override
    public long sampleMicros(RandomGenerator random) {
      return micros;
    }

    @Override
    public RealDistribution distribution() {
      return new ConstantRealDistribution(micros);
    }
  }

  /** Uniform on [minMicros, maxMicros]. */
  record Uniform(long minMicros, long maxMicros) implements Latency {
    public Uniform {
      requireNonNegative("minMicros", minMicros);
      if (maxMicros < minMicros) {
        throw new IllegalArgumentException(
            "latency maxMicros must be >= minMicros (" + minMicros + "), was " + maxMicros);
      }
    }

    @Override
    public long sampleMicros(RandomGenerator random) {
      return minMicros == maxMicros ? minMicros : minMicros + random.nextLong(maxMicros - minMicros + 1);
    }

    @Override
    public RealDistribution distribution() {
      return new UniformRealDistribution(null, minMicros, maxMicros + 1.0);
    }
  }

  /** Exponential with the given mean: many short delays and a long tail. */
  record Exponential(double meanMicros) implements Latency {
    public Exponential {
      if (!(meanMicros > 0) || Double.isInfinite(meanMicros)) {
        throw new IllegalArgumentException("latency meanMicros must be > 0 and finite, was " + meanMicros);
      }
    }

    @Override
    public long sampleMicros(RandomGenerator random) {
      return (long) (-meanMicros * Math.log(1.0 - random.nextDouble()));
    }

    @Override
    public RealDistribution distribution() {
      return new ExponentialDistribution(null, meanMicros);
    }
  }

  /**
   * Log-normal: the delay's natural logarithm (of microseconds) is normal with mean {@code mu} and
   * standard deviation {@code sigma}. A common fit for real network round trips.
   */
  record LogNormal(double mu, double sigma) implements Latency {
    public LogNormal {
      if (!Double.isFinite(mu)) {
        throw new IllegalArgumentException("latency mu must be finite, was " + mu);
      }
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("latency sigma must be > 0 and finite, was " + sigma);
      }
    }

    /** The log-normal whose median is {@code medianMicros} and whose spread is {@code sigma}. */
    public static LogNormal withMedian(double medianMicros, double sigma) {
      if (!(medianMicros > 0)) {
        throw new IllegalArgumentException("latency medianMicros must be > 0, was " + medianMicros);
      }
      return new LogNormal(Math.log(medianMicros), sigma);
    }

    @Override
    public long sampleMicros(RandomGenerator random) {
      return (long) Math.exp(mu + sigma * random.nextGaussian());
    }

    @Override
    public RealDistribution distribution() {
      return new LogNormalDistribution(null, mu, sigma);
    }
  }

  /** A constant delay of {@code millis} milliseconds. */
  static Latency millis(long millis) {
    return new Constant(millis * 1000);
  }

  /** Uniform between {@code minMillis} and {@code maxMillis} milliseconds. */
  static Latency uniformMillis(long minMillis, long maxMillis) {
    return new Uniform(minMillis * 1000, maxMillis * 1000);
  }

  private static void requireNonNegative(String setting, long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("latency " + setting + " must be >= 0, was " + micros);
    }
  }
}
