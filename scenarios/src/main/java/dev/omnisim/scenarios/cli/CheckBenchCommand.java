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
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.model.KvOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim bench check}: times the linearisability checker on its benchmark histories, on one
 * checker thread, and prints wall time, CPU time of the checking thread, peak heap and allocation
 * per check, and which method decided the partitions. {@code --write DIR} saves the unique-append
 * histories (d) and (e) as JSON lines, to check them with {@code omnisim check} (JVM start included).
 *
 * <p>Peak heap is the sum of the heap pools' peak usage during one check, after a GC and a reset of
 * the peaks, minus the heap in use before it: an upper bound on what the check needed, since it also
 * counts garbage the collector had not yet reclaimed. For exact per-fork GC figures use the JMH
 * benchmark with {@code -prof gc}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Times the linearizability checker on five generated histories (about a minute).")
final class CheckBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated histories. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--warmups", defaultValue = "3", description = "Untimed checks per history first. Default: ${DEFAULT-VALUE}.")
  int warmups;

  @Option(names = "--runs", defaultValue = "5", description = "Timed checks per history. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--workload", paramLabel = "NAME", split = ",",
      description = "Only these histories: KV_100K, CAS_1K, APPEND_1K, UNIQUE_APPENDS_C50_OK, UNIQUE_APPENDS_C50_BAD.")
  List<CheckerWorkload> only;

  @Option(names = "--no-unique-appends",
      description = "Decide every partition with the general search (to compare with the unique-append procedure).")
  boolean generalSearchOnly;

  @Option(names = "--write", paramLabel = "DIR",
      description = "Also write histories (d) and (e) as JSON lines into DIR (for omnisim check).")
  Path writeDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (warmups < 0 || runs < 1) {
      spec.commandLine().getErr().println("omnisim bench check: --warmups must be >= 0 and --runs >= 1");
      return 2;
    }
    if (writeDir != null) {
      try {
        writeHistories(out);
      } catch (IOException | UncheckedIOException e) {
        spec.commandLine().getErr().println("omnisim bench check: " + writeDir + ": cannot write: " + e.getMessage());
        return 2;
      }
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    out.printf(Locale.ROOT, "omnisim bench check: seed %d, %d warm-up + %d timed checks per history, one checker "
        + "thread, %d processors visible, max heap %d MB%n", seed, warmups, runs,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    out.printf(Locale.ROOT, "%-56s %7s %11s %11s %11s %9s %10s %10s %-9s %s%n", "history", "verdict", "median wall",
        "min wall", "median cpu", "states", "peak heap", "allocated", "target", "methods");
    boolean allMet = true;
    for (CheckerWorkload workload : only == null ? List.of(CheckerWorkload.values()) : only) {
      Function<Checker, CheckResult<?, ?>> check = workload.prepare(seed);
      Checker checker = new Checker(CheckOptions.defaults().withUniqueAppends(!generalSearchOnly));
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
      String met = result.verdict() != workload.expectedVerdict() ? "WRONG VERDICT"
          : medianWallMillis < workload.targetMillis() ? "met"
          : medianCpuMillis < workload.targetMillis() ? "met on cpu only (busy machine?)" : "MISSED";
      allMet &= met.startsWith("met");
      out.printf(Locale.ROOT, "%-56s %7s %8d ms %8d ms %8d ms %9d %7d MB %7d MB < %-5d ms %s; %s%n",
          workload.description(), result.verdict(), medianWallMillis, wall[0] / 1_000_000, medianCpuMillis,
          result.cacheEntries(), memory[0] >> 20, memory[1] >> 20, workload.targetMillis(), methods(result), met);
      out.flush();
    }
    out.println("wall: elapsed time of one check; cpu: CPU time of the checking thread (steadier on a busy machine);"
        + " states: memoised search states; peak heap: heap pool peaks during one check above the heap in use"
        + " before it (includes uncollected garbage); allocated: bytes the checking thread allocated.");
    return allMet ? 0 : 1;
  }

  /** How many partitions each method decided, and how many stayed unknown. */
  private static String methods(CheckResult<?, ?> result) {
    Map<PartitionResult.Method, Integer> byMethod = new EnumMap<>(PartitionResult.Method.class);
    result.partitions().forEach(p -> byMethod.merge(p.method(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byMethod.forEach((method, count) -> parts.add(count + " by " + method.description()));
    long unknown = result.partitions().stream().filter(p -> p.verdict() == Verdict.UNKNOWN).count();
    return String.join(", ", parts) + (unknown > 0 ? ", " + unknown + " UNKNOWN" : "");
  }

  private void writeHistories(PrintWriter out) throws IOException {
    Files.createDirectories(writeDir);
    ModelSpec<?, KvOp, String> kv = kvSpec();
    for (CheckerWorkload workload : List.of(CheckerWorkload.UNIQUE_APPENDS_C50_OK, CheckerWorkload.UNIQUE_APPENDS_C50_BAD)) {
      Path file = writeDir.resolve(workload.name().toLowerCase(Locale.ROOT) + "-seed" + seed + ".jsonl");
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        HistoryFormat.JSONL.write(workload.history(seed), kv.codec(), writer);
      }
      out.println("wrote " + file);
    }
  }

  @SuppressWarnings("unchecked")
  private static ModelSpec<?, KvOp, String> kvSpec() {
    return (ModelSpec<?, KvOp, String>) ModelSpec.named("kv").orElseThrow();
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
