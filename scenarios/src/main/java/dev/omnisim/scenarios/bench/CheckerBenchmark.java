package dev.omnisim.scenarios.bench;

import dev.omnisim.lincheck.CheckOptions;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.Verdict;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The linearisability checker on its benchmark histories ({@link CheckerWorkload}), one
 * checker thread. Each workload runs in its own fork, so {@code -prof gc} reports its allocation and
 * GC per fork:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package
 * java -cp scenarios/target/omnisim.jar org.openjdk.jmh.Main CheckerBenchmark -prof gc
 * </pre>
 *
 * Targets on one core: (a) under 1 s, (b) and (c) under 2 s each, (d) under 0.2 s, (e) under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckerBenchmark {

  /** Which history to check. */
  @Param({"KV_100K", "CAS_1K", "APPEND_1K", "UNIQUE_APPENDS_C50_OK", "UNIQUE_APPENDS_C50_BAD"})
  public CheckerWorkload workload;

  private Function<Checker, CheckResult<?, ?>> check;
  private Checker checker;

  /** Generates the history once per fork; generation is not measured. */
  @Setup(Level.Trial)
  public void generate() {
    check = workload.prepare(1);
    checker = new Checker(CheckOptions.defaults());
    if (check.apply(checker).verdict() != workload.expectedVerdict()) {
      throw new IllegalStateException(workload + " should be " + workload.expectedVerdict());
    }
  }

  /** One full check, returned so that JMH keeps it alive. */
  @Benchmark
  public CheckResult<?, ?> check() {
    return check.apply(checker);
  }
}
