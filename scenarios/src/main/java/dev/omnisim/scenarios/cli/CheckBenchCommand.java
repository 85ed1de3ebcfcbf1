package dev.omnisim.scenarios.cli;

import com.sun.management.ThreadMXBean;
import dev.omnisim.lincheck.CheckOptions;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.scenarios.bench.CheckerWorkload;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim bench check}: times the linearisability checker on its three benchmark histories,
 * on one checker thread, and prints wall time, CPU time of the checking thread, peak heap and
 * allocation per check.
 *
 * <p>Peak heap is the sum of the heap pools' peak usage during one check, after a GC and a reset of
 * the peaks, minus the heap in use before it: an upper bound on what the check needed, since it also
 * counts garbage the collector had not yet reclaimed. For exact per-fork GC figures use the JMH
 * benchmark with {@code -prof gc}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Times the linearizability checker on three generated histories (under a minute).")
final class CheckBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated histories. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--warmups", defaultValue = "3", description = "Untimed checks per history first. Default: ${DEFAULT-VALUE}.")
  int warmups;

  @Option(names = "--runs", defaultValue = "5", description = "Timed checks per history. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (warmups < 0 || runs < 1) {
      spec.commandLine().getErr().println("omnisim bench check: --warmups must be >= 0 and --runs >= 1");
      return 2;
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    out.printf(Locale.ROOT, "omnisim bench check: seed %d, %d warm-up + %d timed checks per history, one checker "
        + "thread, %d processors visible, max heap %d MB%n", seed, warmups, runs,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    out.printf(Locale.ROOT, "%-56s %7s %11s %11s %11s %9s %10s %10s %s%n", "history", "verdict", "median wall",
        "min wall", "median cpu", "states", "peak heap", "allocated", "target");
    boolean allMet = true;
    for (CheckerWorkload workload : CheckerWorkload.values()) {
      Function<Checker, CheckResult<?, ?>> check = workload.prepare(seed);
      Checker checker = new Checker(CheckOptions.defaults());
      for (int i = 0; i < warmups; i++) {
        check.apply(checker);
      }
      long[] wall = new long[runs];
      long[] cpu = new long[runs];
      CheckResult<?, ?> result = null;
      for (int i = 0; i < runs; i++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        result = check.apply(checker);
        wall[i] = System.nanoTime() - wallStart;
        cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      }
      long[] memory = measureMemory(check, checker, threads);
      Arrays.sort(wall);
      Arrays.sort(cpu);
      long medianWallMillis = wall[runs / 2] / 1_000_000;
      long medianCpuMillis = cpu[runs / 2] / 1_000_000;
      String met = medianWallMillis < workload.targetMillis() ? "met"
          : medianCpuMillis < workload.targetMillis() ? "met on cpu only (busy machine?)" : "MISSED";
      allMet &= !met.equals("MISSED");
      out.printf(Locale.ROOT, "%-56s %7s %8d ms %8d ms %8d ms %9d %7d MB %7d MB < %d ms %s%n", workload.description(),
          result.verdict(), medianWallMillis, wall[0] / 1_000_000, medianCpuMillis, result.cacheEntries(),
          memory[0] >> 20, memory[1] >> 20, workload.targetMillis(), met);
      out.flush();
    }
    out.println("wall: elapsed time of one check; cpu: CPU time of the checking thread (steadier on a busy machine);"
        + " states: memoised search states; peak heap: heap pool peaks during one check above the heap in use"
        + " before it (includes uncollected garbage); allocated: bytes the checking thread allocated.");
    return allMet ? 0 : 1;
  }

  /** {peak heap above baseline, bytes allocated} for one check. */
  private static long[] measureMemory(Function<Checker, CheckResult<?, ?>> check, Checker checker, ThreadMXBean threads) {
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    System.gc();
    long baseline = heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    check.apply(checker);
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new long[] {Math.max(0, peak - baseline), allocated};
  }
}
