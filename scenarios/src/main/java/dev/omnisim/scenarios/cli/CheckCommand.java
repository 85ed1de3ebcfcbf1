package dev.omnisim.scenarios.cli;

import dev.omnisim.lincheck.CheckOptions;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.StuckOperation;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.HistoryFormatException;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnisim check FILE --model M}: checks a history file for linearisability and says why not.
 * Exit status: 0 linearisable, 1 not linearisable, 2 bad input, 3 unknown (budget ran out).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Checks a history file for linearizability (Wing & Gong search with Lowe's memoisation).",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:linearizable",
      "1:not linearizable",
      "2:bad input (file, format, model or option)",
      "3:unknown: the time budget or memory bound ran out"
    })
final class CheckCommand implements Callable<Integer> {

  static final int LINEARIZABLE = 0;
  static final int NOT_LINEARIZABLE = 1;
  static final int BAD_INPUT = 2;
  static final int UNKNOWN = 3;

  /** Stuck operations printed per failing partition; the HTML report has them all. */
  private static final int STUCK_PRINTED_MAX = 10;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The history: JSON lines (HISTORY-FORMAT.md) or Jepsen EDN.")
  Path file;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "kv, register, cas-register or set.")
  String modelName;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl or edn (default: edn for files ending in .edn, jsonl otherwise).")
  String formatName;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Wall-clock budget; past it the answer is unknown (exit 3). 0: no limit. Default: ${DEFAULT-VALUE}.")
  double timeoutSeconds;

  @Option(names = "--report", paramLabel = "OUT.html", description = "Also write a self-contained HTML report.")
  Path reportFile;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Partitions (keys) checked at once. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--max-cache-entries", paramLabel = "N", defaultValue = "" + CheckOptions.DEFAULT_CACHE_ENTRIES_MAX,
      description = "Memory bound: search states one partition may remember; past it the answer is unknown. "
          + "Default: ${DEFAULT-VALUE}.")
  long cacheEntriesMax;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ModelSpec<?, ?, ?>> model = ModelSpec.named(modelName);
    if (model.isEmpty()) {
      err.println("omnisim check: unknown model \"" + modelName + "\" (expected one of "
          + String.join(", ", ModelSpec.NAMES) + ")");
      return BAD_INPUT;
    }
    HistoryFormat format = formatName == null ? HistoryFormat.forFile(file) : HistoryFormat.named(formatName).orElse(null);
    if (format == null) {
      err.println("omnisim check: unknown format \"" + formatName + "\" (expected jsonl or edn)");
      return BAD_INPUT;
    }
    if (!(timeoutSeconds >= 0) || threads < 1 || cacheEntriesMax < 1) {
      err.println("omnisim check: --timeout must be >= 0, --threads and --max-cache-entries >= 1");
      return BAD_INPUT;
    }
    CheckOptions options = new CheckOptions(
        Duration.ofNanos((long) (timeoutSeconds * 1e9)), cacheEntriesMax, threads);
    return check(model.get(), format, options);
  }

  private <S, I, O> int check(ModelSpec<S, I, O> model, HistoryFormat format, CheckOptions options) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    History<I, O> history;
    try {
      history = format.read(file, model.codec());
    } catch (HistoryFormatException e) {
      err.println("omnisim check: " + e.getMessage());
      return BAD_INPUT;
    }
    long start = System.nanoTime();
    CheckResult<I, O> result = new Checker(options).check(model.model(), history);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.println(switch (result.verdict()) {
      case OK -> "linearizable";
      case ILLEGAL -> "NOT linearizable";
      case UNKNOWN -> "unknown";
    } + String.format(Locale.ROOT, ": %d operations in %d partition(s), model %s, checked in %.2f s",
        result.operationCount(), result.partitions().size(), model.name(), seconds));
    for (PartitionResult<I, O> partition : result.undecidedOrIllegal()) {
      out.println();
      out.println(partition.verdict() + " " + partition.label() + ": " + partition.explanation());
      int printed = 0;
      for (StuckOperation<I, O> stuck : partition.stuck()) {
        if (printed++ == STUCK_PRINTED_MAX) {
          out.println("  ... " + (partition.stuck().size() - STUCK_PRINTED_MAX) + " more in the report");
          break;
        }
        out.println("  op " + stuck.operation().id() + " (client " + stuck.operation().client() + "): "
            + model.model().describeOperation(stuck.operation()) + " — " + stuck.reason());
      }
    }
    if (reportFile != null) {
      try {
        HtmlReport.write(reportFile, model.model(), result, "omnisim check " + file.getFileName());
        out.println("report: " + reportFile);
      } catch (IOException e) {
        err.println("omnisim check: " + reportFile + ": cannot write the report: " + e.getMessage());
        return BAD_INPUT;
      }
    }
    out.flush();
    return exitStatus(result.verdict());
  }

  /** The exit status for a verdict. */
  static int exitStatus(Verdict verdict) {
    return switch (verdict) {
      case OK -> LINEARIZABLE;
      case ILLEGAL -> NOT_LINEARIZABLE;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
