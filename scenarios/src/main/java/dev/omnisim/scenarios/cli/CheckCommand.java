package dev.omnisim.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.omnisim.lincheck.report.JsonResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnisim check FILE... | DIR --model M}: checks history files for linearisability and says
 * why not. Every file is read and validated before any is checked, so bad input stops the command
 * before work starts. Exit status: the worst verdict — 1 if any history is not linearisable, else 3
 * if any is unknown (budget ran out), else 0; 2 for bad input, naming the file.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Checks history files for linearizability: one verdict line per file, then a summary.",
    exitCodeListHeading = "%nExit status (the worst verdict):%n",
    exitCodeList = {
      "0:every history is linearizable",
      "1:some history is not linearizable",
      "2:bad input (file, format, model or option), or a history with no operations",
      "3:none is not linearizable, but some is unknown: the time budget or memory bound ran out"
    })
final class CheckCommand implements Callable<Integer> {

  static final int LINEARIZABLE = 0;
  static final int NOT_LINEARIZABLE = 1;
  static final int BAD_INPUT = 2;
  static final int UNKNOWN = 3;

  /** Stuck operations printed per failing partition for one file; the HTML report has them all. */
  private static final int STUCK_PRINTED_MAX = 10;

  /** Stuck operations printed per failing partition when many files are checked. */
  private static final int STUCK_PRINTED_MAX_MANY = 3;

  /** File name endings a directory is searched for. */
  static final List<String> HISTORY_EXTENSIONS = List.of(".jsonl", ".ndjson", ".json", ".edn", ".txt", ".log");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
      description = "History files (JSON lines, Jepsen EDN or porcupine's key-value format), or directories "
          + "searched (with their subdirectories) for files ending in .jsonl, .ndjson, .json, .edn, .txt or .log.")
  List<Path> paths;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "kv, register, cas-register or set.")
  String modelName;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl, edn or porcupine (default: recognised from each file's content).")
  String formatName;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Wall-clock budget per history; past it the answer is unknown (exit 3). 0: no limit. "
          + "Default: ${DEFAULT-VALUE}.")
  double timeoutSeconds;

  @Option(names = "--report", paramLabel = "OUT",
      description = "Also write a self-contained HTML report: to OUT for one file; for many, into the "
          + "directory OUT, one page per file and index.html.")
  Path reportPath;

  @Option(names = "--json", description = "Print JSON lines instead of text: one object per file (verdict, "
      + "partitions with their method, longest linearizable prefix and stuck operations), then a summary.")
  boolean json;

  @Option(names = "--write-edn", paramLabel = "OUT.edn",
      description = "Also write the (one) history as Jepsen EDN, which Knossos reads.")
  Path ednOut;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Partitions (keys) checked at once. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--no-unique-appends",
      description = "Decide every partition with the general search, even key-value partitions whose unique "
          + "append values order the appends (to compare; slower, and may leave such keys unknown).")
  boolean generalSearchOnly;

  @Option(names = "--max-cache-entries", paramLabel = "N", defaultValue = "" + CheckOptions.DEFAULT_CACHE_ENTRIES_MAX,
      description = "Memory bound: search states one partition may remember; past it the answer is unknown. "
          + "Default: ${DEFAULT-VALUE}.")
  long cacheEntriesMax;

  /** One history file, read and validated. */
  private record Input<I, O>(Path file, HistoryFormat format, History<I, O> history) {}

  /** One history file, checked. */
  private record Outcome<I, O>(Input<I, O> input, CheckResult<I, O> result, double seconds) {}

  /** Thrown to stop with a one-line message about bad input. */
  private static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  /**
   * This command on its own, as {@code omnisim check} runs it from the launcher: the same options,
   * usage ("omnisim check ...") and one-line errors with exit status 2, without building the other
   * subcommands.
   */
  static CommandLine alone() {
    CommandLine commandLine = new CommandLine(new CheckCommand()).setCommandName("omnisim check");
    commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
      ex.getCommandLine().getErr().println("omnisim: " + ex.getMessage());
      return BAD_INPUT;
    });
    return commandLine;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ModelSpec<?, ?, ?>> model = ModelSpec.named(modelName);
    try {
      if (model.isEmpty()) {
        throw new BadInput("unknown model \"" + modelName + "\" (expected one of " + String.join(", ", ModelSpec.NAMES)
            + ")");
      }
      if (formatName != null && HistoryFormat.named(formatName).isEmpty()) {
        throw new BadInput("unknown format \"" + formatName + "\" (expected jsonl, edn or porcupine)");
      }
      if (!(timeoutSeconds >= 0) || threads < 1 || cacheEntriesMax < 1) {
        throw new BadInput("--timeout must be >= 0, --threads and --max-cache-entries >= 1");
      }
      return check(model.get());
    } catch (BadInput e) {
      err.println("omnisim check: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
  }

  private <S, I, O> int check(ModelSpec<S, I, O> model) throws BadInput {
    List<Path> files = historyFiles();
    boolean many = files.size() > 1;
    if (many && ednOut != null) {
      throw new BadInput("--write-edn takes one history file, not " + files.size());
    }
    if (many && reportPath != null && Files.isRegularFile(reportPath)) {
      throw new BadInput(reportPath + ": --report for many files needs a directory, and this is a file");
    }
    List<Input<I, O>> inputs = new ArrayList<>();
    for (Path file : files) {
      inputs.add(read(file, model));
    }
    prepareReportPlace(many);
    writeEdn(model, inputs);
    CheckOptions options = new CheckOptions(Duration.ofNanos((long) (timeoutSeconds * 1e9)), cacheEntriesMax, threads,
        !generalSearchOnly);
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    List<Outcome<I, O>> outcomes = new ArrayList<>();
    for (Input<I, O> input : inputs) {
      long fileStart = System.nanoTime();
      CheckResult<I, O> result = new Checker(options).check(model.model(), input.history());
      Outcome<I, O> outcome = new Outcome<>(input, result, (System.nanoTime() - fileStart) / 1e9);
      counts.merge(result.verdict(), 1, Integer::sum);
      outcomes.add(outcome);
      if (json) {
        printJson(out, model, outcome);
      } else if (many) {
        printMany(out, model, outcome);
      } else {
        printOne(out, model, outcome);
      }
      out.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int status = exitStatus(counts);
    printSummary(out, outcomes, counts, seconds, status, many);
    writeReports(out, model, outcomes, many);
    out.flush();
    return status;
  }

  /** The files named, directories expanded to their history files in path order. */
  private List<Path> historyFiles() throws BadInput {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      List<Path> found;
      try (Stream<Path> walk = Files.walk(path)) {
        found = walk.filter(Files::isRegularFile).filter(CheckCommand::looksLikeHistory)
            .sorted(java.util.Comparator.comparing(Path::toString)).toList();
      } catch (IOException | UncheckedIOException e) {
        throw new BadInput(path + ": cannot list the directory: " + e.getMessage());
      }
      if (found.isEmpty()) {
        throw new BadInput(path + ": no history files in this directory (looked for names ending in "
            + String.join(", ", HISTORY_EXTENSIONS) + ")");
      }
      files.addAll(found);
    }
    return files;
  }

  private static boolean looksLikeHistory(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && HISTORY_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** Reads one file in the format asked for or recognised; an empty history is bad input. */
  private <S, I, O> Input<I, O> read(Path file, ModelSpec<S, I, O> model) throws BadInput {
    try {
      String text = HistoryFormat.readText(file);
      HistoryFormat format = formatName != null
          ? HistoryFormat.named(formatName).orElseThrow()
          : HistoryFormat.recognise(file, text);
      History<I, O> history = format.read(new StringReader(text), file.toString(), model.codec());
      if (history.size() == 0) {
        throw new BadInput(file + ": warning: no operations for model " + model.name() + " ("
            + (text.isBlank() ? "the file is empty" : "every call in it failed, or none is a client's") + ")");
      }
      return new Input<>(file, format, history);
    } catch (HistoryFormatException e) {
      throw new BadInput(e.getMessage());
    }
  }

  private <S, I, O> void printOne(PrintWriter out, ModelSpec<S, I, O> model, Outcome<I, O> outcome) {
    CheckResult<I, O> result = outcome.result();
    out.println(verdictText(result.verdict()) + String.format(Locale.ROOT,
        ": %d operations in %d partition(s), model %s, checked in %.2f s%s", result.operationCount(),
        result.partitions().size(), model.name(), outcome.seconds(), methods(result)));
    printPartitions(out, model, result, "", STUCK_PRINTED_MAX);
  }

  private <S, I, O> void printMany(PrintWriter out, ModelSpec<S, I, O> model, Outcome<I, O> outcome) {
    CheckResult<I, O> result = outcome.result();
    out.println(outcome.input().file() + ": " + verdictText(result.verdict()) + String.format(Locale.ROOT,
        ": %d operations in %d partition(s), %.2f s%s", result.operationCount(), result.partitions().size(),
        outcome.seconds(), methods(result)));
    printPartitions(out, model, result, "    ", STUCK_PRINTED_MAX_MANY);
  }

  private static <S, I, O> void printPartitions(
      PrintWriter out, ModelSpec<S, I, O> model, CheckResult<I, O> result, String indent, int stuckMax) {
    for (PartitionResult<I, O> partition : result.undecidedOrIllegal()) {
      if (indent.isEmpty()) {
        out.println();
      }
      out.println(indent + partition.verdict() + " " + partition.label() + " (" + partition.method().description()
          + "): " + partition.explanation());
      int printed = 0;
      for (StuckOperation<I, O> stuck : partition.stuck()) {
        if (printed++ == stuckMax) {
          out.println(indent + "  ... " + (partition.stuck().size() - stuckMax) + " more in the report");
          break;
        }
        out.println(indent + "  op " + stuck.operation().id() + " (client " + stuck.operation().client() + "): "
            + model.model().describeOperation(stuck.operation()) + " — " + stuck.reason());
      }
    }
  }

  /** Which methods decided the partitions, e.g. {@code ; 9 partitions by unique appends, 1 by general search}. */
  private static String methods(CheckResult<?, ?> result) {
    Map<PartitionResult.Method, Integer> byMethod = new EnumMap<>(PartitionResult.Method.class);
    result.partitions().forEach(p -> byMethod.merge(p.method(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byMethod.forEach((method, count) -> parts.add(count + " by " + method.description()));
    return " (" + String.join(", ", parts) + ")";
  }

  private <S, I, O> void printJson(PrintWriter out, ModelSpec<S, I, O> model, Outcome<I, O> outcome) {
    ObjectNode line = new ObjectMapper().createObjectNode();
    line.put("file", outcome.input().file().toString());
    line.put("format", outcome.input().format().formatName());
    line.put("model", model.name());
    line.put("seconds", Math.round(outcome.seconds() * 1000) / 1000.0);
    line.setAll(JsonResult.toJson(model.model(), model.codec(), outcome.result()));
    out.println(line);
  }

  private <I, O> void printSummary(PrintWriter out, List<Outcome<I, O>> outcomes, Map<Verdict, Integer> counts,
      double seconds, int status, boolean many) {
    long operations = outcomes.stream().mapToLong(o -> o.result().operationCount()).sum();
    if (json) {
      ObjectNode summary = new ObjectMapper().createObjectNode();
      ObjectNode body = summary.putObject("summary");
      body.put("histories", outcomes.size());
      for (Verdict verdict : Verdict.values()) {
        body.put(verdict.name(), counts.getOrDefault(verdict, 0));
      }
      body.put("operations", operations);
      body.put("seconds", Math.round(seconds * 1000) / 1000.0);
      body.put("exitStatus", status);
      out.println(summary);
    } else if (many) {
      out.println();
      out.println(String.format(Locale.ROOT, "%d histories: %d linearizable, %d NOT linearizable, %d unknown; "
          + "%d operations checked in %.2f s", outcomes.size(), counts.getOrDefault(Verdict.OK, 0),
          counts.getOrDefault(Verdict.ILLEGAL, 0), counts.getOrDefault(Verdict.UNKNOWN, 0), operations, seconds));
    }
  }

  /** Makes sure the reports can be written before any history is checked. */
  private void prepareReportPlace(boolean many) throws BadInput {
    if (reportPath == null) {
      return;
    }
    try {
      if (many) {
        Files.createDirectories(reportPath);
      } else {
        Path parent = reportPath.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          throw new BadInput(reportPath + ": cannot write the report: no directory " + parent);
        }
      }
    } catch (IOException e) {
      throw new BadInput(reportPath + ": cannot create the report directory: " + e.getMessage());
    }
  }

  private <S, I, O> void writeEdn(ModelSpec<S, I, O> model, List<Input<I, O>> inputs) throws BadInput {
    if (ednOut == null) {
      return;
    }
    try (Writer writer = Files.newBufferedWriter(ednOut, StandardCharsets.UTF_8)) {
      HistoryFormat.EDN.write(inputs.get(0).history(), model.codec(), writer);
    } catch (IOException | UncheckedIOException e) {
      throw new BadInput(ednOut + ": cannot write the EDN history: " + e.getMessage());
    }
  }

  private <S, I, O> void writeReports(PrintWriter out, ModelSpec<S, I, O> model, List<Outcome<I, O>> outcomes,
      boolean many) throws BadInput {
    if (reportPath == null) {
      return;
    }
    try {
      if (!many) {
        Outcome<I, O> outcome = outcomes.get(0);
        HtmlReport.write(reportPath, model.model(), outcome.result(),
            "omnisim check " + outcome.input().file().getFileName());
        out.println("report: " + reportPath);
        return;
      }
      Files.createDirectories(reportPath);
      List<String> pages = new ArrayList<>();
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome<I, O> outcome = outcomes.get(i);
        String page = String.format(Locale.ROOT, "%03d-%s.html", i + 1,
            outcome.input().file().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
        HtmlReport.write(reportPath.resolve(page), model.model(), outcome.result(),
            "omnisim check " + outcome.input().file());
        pages.add(page);
      }
      Files.writeString(reportPath.resolve("index.html"), index(model, outcomes, pages), StandardCharsets.UTF_8);
      out.println("reports: " + reportPath.resolve("index.html"));
    } catch (IOException e) {
      throw new BadInput(reportPath + ": cannot write the report: " + e.getMessage());
    }
  }

  /** The index page of many reports: one row per file, failures first in the eye by their colour. */
  private static <S, I, O> String index(ModelSpec<S, I, O> model, List<Outcome<I, O>> outcomes, List<String> pages) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>omnisim check: " + outcomes.size() + " histories</title><style>"
        + "body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
        + ".ILLEGAL{color:#b00020;font-weight:bold}.UNKNOWN{color:#a06000}.OK{color:#1b5e20}</style></head><body>\n"
        + "<h1>" + outcomes.size() + " histories, model <code>" + HtmlReport.escape(model.name()) + "</code></h1>\n"
        + "<table>\n<tr><th>file</th><th>verdict</th><th>operations</th><th>partitions</th><th>seconds</th></tr>\n");
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome<I, O> outcome = outcomes.get(i);
      Verdict verdict = outcome.result().verdict();
      html.append("<tr class=\"history\" data-verdict=\"").append(verdict).append("\"><td><a href=\"")
          .append(HtmlReport.escape(pages.get(i))).append("\">")
          .append(HtmlReport.escape(outcome.input().file().toString())).append("</a></td><td class=\"")
          .append(verdict).append("\">").append(verdictText(verdict)).append("</td><td>")
          .append(outcome.result().operationCount()).append("</td><td>").append(outcome.result().partitions().size())
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", outcome.seconds())).append("</td></tr>\n");
    }
    return html.append("</table>\n</body></html>\n").toString();
  }

  private static String verdictText(Verdict verdict) {
    return switch (verdict) {
      case OK -> "linearizable";
      case ILLEGAL -> "NOT linearizable";
      case UNKNOWN -> "unknown";
    };
  }

  /** The exit status for many verdicts: the worst one. */
  static int exitStatus(Map<Verdict, Integer> counts) {
    if (counts.getOrDefault(Verdict.ILLEGAL, 0) > 0) {
      return NOT_LINEARIZABLE;
    }
    return counts.getOrDefault(Verdict.UNKNOWN, 0) > 0 ? UNKNOWN : LINEARIZABLE;
  }
}
