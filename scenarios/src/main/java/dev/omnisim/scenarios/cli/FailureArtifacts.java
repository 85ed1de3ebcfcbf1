package dev.omnisim.scenarios.cli;

import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.format.OperationCodec;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.report.HtmlReport;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.report.RunReport;
import dev.omnisim.sim.TraceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The evidence a failing run leaves in the out folder: what failed and how to replay it, the client
 * history (JSON lines, readable by {@code omnisim check}), the checker's HTML report, the trace of every event, recorded by
 * replaying the seed (the replay must give the same fingerprint, or the run was not deterministic), and
 * the run report ({@code run.html}: space-time diagram, faults, leader and client operations) of that
 * replay.
 */
final class FailureArtifacts {
  private final Path root;

  private FailureArtifacts(Path root) {
    this.root = root;
  }

  /** Checks now, before any run, that {@code out} can be written; bad input is exit status 2. */
  static FailureArtifacts prepare(CommandLine.Model.CommandSpec spec, Path out) {
    try {
      Files.createDirectories(out);
      Path probe = Files.createTempFile(out, ".omnisim-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "cannot write to out folder '" + out + "' (--out): " + e);
    }
    return new FailureArtifacts(out);
  }

  /** The folder the evidence of {@code result} goes to. */
  Path folderFor(ScenarioResult result) {
    return root.resolve(result.scenario().name() + "-seed" + result.seed());
  }

  /** Writes the evidence of {@code result} and returns its folder. */
  Path write(ScenarioRunner runner, ScenarioResult result) {
    return write(runner, result, result.replayCommand());
  }

  /** Writes the evidence of {@code result}, which {@code replayCommand} reproduces, and returns its folder. */
  Path write(ScenarioRunner runner, ScenarioResult result, String replayCommand) {
    Path folder = folderFor(result);
    try {
      Files.createDirectories(folder);
      ScenarioResult replay = runner.withRecordTrace(true).run(result.scenario(), result.seed());
      boolean deterministic = replay.fingerprint().equals(result.fingerprint());
      Files.writeString(folder.resolve("failure.txt"), "scenario:    " + result.scenario().name()
          + "\nseed:        " + result.seed() + "\nfingerprint: " + result.fingerprint()
          + "\nreplay:      " + replayCommand + "\n\n" + result.failure() + "\n"
          + (deterministic ? "" : "\nWARNING: replaying the seed gave fingerprint " + replay.fingerprint()
              + ": the run is not deterministic, and trace.txt may not show this run.\n"),
          StandardCharsets.UTF_8);
      try (Writer w = Files.newBufferedWriter(folder.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
        HistoryFormat.JSONL.write(result.history(), kvCodec(), w);
      }
      HtmlReport.write(folder.resolve("report.html"), new KvModel(), result.check(),
          result.scenario().title() + " (seed " + result.seed() + ")");
      RunReport.write(folder.resolve("run.html"), replay, replayCommand);
      try (Writer w = Files.newBufferedWriter(folder.resolve("trace.txt"), StandardCharsets.UTF_8)) {
        for (TraceEvent e : replay.trace()) {
          w.write(e.toString());
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the evidence of " + replayCommand + " into " + folder, e);
    }
    return folder;
  }

  /** The most bytes the small evidence of one failure takes ({@link #writeSmall}). */
  static final int SMALL_EVIDENCE_BYTES_MAX = 100 * 1024;

  /**
   * Writes the small evidence of a fuzz failure, at most {@link #SMALL_EVIDENCE_BYTES_MAX} bytes, without
   * replaying it: {@code failure.txt} (what failed, the replay commands, the config digest), the schedule
   * the caller wrote, and {@code history.jsonl}, cut to whole operations when it would not fit (the note
   * says so). The trace and the reports are made on demand by {@code run} from the seed and schedule.
   */
  Path writeSmall(ScenarioResult result, String kind, String problem, String replayCommand, String configDigest,
      long scheduleBytes) {
    Path folder = folderFor(result);
    try {
      Files.createDirectories(folder);
      StringWriter history = new StringWriter();
      HistoryFormat.JSONL.write(result.history(), kvCodec(), history);
      String header = "scenario:    " + result.scenario().name() + "\nseed:        " + result.seed()
          + "\nconfig:      " + configDigest + "\nfingerprint: " + result.fingerprint() + "\nkind:        "
          + kind + "\nreplay:      " + replayCommand
          + "\nfull:        " + replayCommand + " --report run.html   (also writes trace.txt, history.jsonl and"
          + " report.html into --out)\n";
      String failure = "\n" + problem + "\n";
      byte[] historyBytes = history.toString().getBytes(StandardCharsets.UTF_8);
      long room = SMALL_EVIDENCE_BYTES_MAX - scheduleBytes - 2_048 - header.length();
      if (failure.length() > room / 4) {
        failure = failure.substring(0, (int) Math.max(0, room / 4)) + " … (cut; 'run' prints it whole)\n";
      }
      room -= failure.getBytes(StandardCharsets.UTF_8).length;
      String note = "";
      if (historyBytes.length > room) {
        int cut = (int) Math.max(0, room);
        while (cut > 0 && historyBytes[cut - 1] != '\n') {
          cut--;
        }
        long kept = countLines(historyBytes, cut);
        note = "history:     history.jsonl holds the first " + kept + " of " + countLines(historyBytes,
            historyBytes.length) + " operations (the evidence is kept under " + SMALL_EVIDENCE_BYTES_MAX / 1024
            + " KB; the replay command writes it whole)\n";
        historyBytes = java.util.Arrays.copyOf(historyBytes, cut);
      }
      Files.writeString(folder.resolve("failure.txt"), header + note + failure, StandardCharsets.UTF_8);
      Files.write(folder.resolve("history.jsonl"), historyBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the evidence of " + replayCommand + " into " + folder, e);
    }
    return folder;
  }

  private static long countLines(byte[] bytes, int length) {
    long n = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static OperationCodec<KvOp, String> kvCodec() {
    return (OperationCodec<KvOp, String>) ModelSpec.named("kv").orElseThrow().codec();
  }
}
