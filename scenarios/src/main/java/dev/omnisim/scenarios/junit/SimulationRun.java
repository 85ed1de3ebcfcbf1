package dev.omnisim.scenarios.junit;

import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.format.OperationCodec;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One seed's run of a {@link SimulationTest} method: the seed to build the simulation from, and a
 * place to record what the run did. Nothing is written while the seed passes; when it fails, the
 * evidence folder gets {@code failure.txt} (the test, the seed, the replay command, the failure and
 * its stack trace) and what was recorded: the last {@link ScenarioResult}'s client history
 * ({@code history.jsonl}, readable by {@code omnisim check}) and, if its trace was recorded, its run
 * report ({@code run.html}); the last {@link FaultSchedule} ({@code schedule.json}, replayable by
 * {@code omnisim run --schedule}); and every attached text file.
 */
public final class SimulationRun {
  private final long seed;
  private final String testName;
  private final String replayCommand;
  private final Path evidenceFolder;
  private ScenarioResult result;
  private FaultSchedule schedule;
  private final Map<String, String> attachments = new LinkedHashMap<>();

  SimulationRun(long seed, String testName, String replayCommand, Path evidenceFolder) {
    this.seed = seed;
    this.testName = testName;
    this.replayCommand = replayCommand;
    this.evidenceFolder = evidenceFolder;
  }

  /** The seed of this run: build everything random from it. */
  public long seed() {
    return seed;
  }

  /** The command that reruns only this seed of this test. */
  public String replayCommand() {
    return replayCommand;
  }

  /** Where this seed's evidence goes if it fails (nothing is written while it passes). */
  public Path evidenceFolder() {
    return evidenceFolder;
  }

  /** Keeps {@code scenarioResult} as this run's evidence (the last one recorded wins) and returns it. */
  public ScenarioResult record(ScenarioResult scenarioResult) {
    this.result = Objects.requireNonNull(scenarioResult, "scenarioResult");
    return scenarioResult;
  }

  /** Keeps {@code faultSchedule} as this run's evidence (the last one recorded wins) and returns it. */
  public FaultSchedule record(FaultSchedule faultSchedule) {
    this.schedule = Objects.requireNonNull(faultSchedule, "faultSchedule");
    return faultSchedule;
  }

  /**
   * Records {@code scenarioResult} and fails the test with its typed failure (invariant, linearizability,
   * progress, …) unless it passed; returns it when it passed.
   */
  public ScenarioResult assertPassed(ScenarioResult scenarioResult) {
    record(scenarioResult);
    if (!scenarioResult.passed()) {
      throw new AssertionError(scenarioResult.scenario().name() + " failed with seed " + seed + ": "
          + scenarioResult.failure());
    }
    return scenarioResult;
  }

  /** Writes {@code text} as {@code fileName} into the evidence folder if this seed fails. */
  public void attach(String fileName, String text) {
    if (fileName == null || fileName.isBlank() || !Path.of(fileName).getFileName().toString().equals(fileName)
        || fileName.startsWith(".")) {
      throw new IllegalArgumentException("attach: '" + fileName + "' is not a plain file name");
    }
    attachments.put(fileName, Objects.requireNonNull(text, "text"));
  }

  String testName() {
    return testName;
  }

  /**
   * Writes this failed seed's evidence, replacing what an earlier failure of the same seed left, and
   * returns the folder; if it cannot, returns why, so the test's own failure is still reported.
   */
  String writeEvidence(Throwable failure) {
    try {
      Files.createDirectories(evidenceFolder);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(evidenceFolder, Files::isRegularFile)) {
        for (Path file : old) {
          Files.delete(file);
        }
      }
      Files.writeString(evidenceFolder.resolve("failure.txt"), failureText(failure), StandardCharsets.UTF_8);
      if (result != null) {
        try (Writer w = Files.newBufferedWriter(evidenceFolder.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
          HistoryFormat.JSONL.write(result.history(), kvCodec(), w);
        }
        if (!result.trace().isEmpty()) {
          RunReport.write(evidenceFolder.resolve("run.html"), result, replayCommand);
        }
      }
      if (schedule != null) {
        schedule.save(evidenceFolder.resolve("schedule.json"));
      }
      for (Map.Entry<String, String> a : attachments.entrySet()) {
        Files.writeString(evidenceFolder.resolve(a.getKey()), a.getValue(), StandardCharsets.UTF_8);
      }
      return evidenceFolder.toString();
    } catch (IOException | RuntimeException e) {
      return "not written to " + evidenceFolder + " (" + e.getMessage() + ")";
    }
  }

  private String failureText(Throwable failure) {
    StringBuilder text = new StringBuilder()
        .append("test:        ").append(testName).append('\n')
        .append("seed:        ").append(seed).append('\n')
        .append("replay:      ").append(replayCommand).append('\n');
    if (result != null) {
      text.append("scenario:    ").append(result.scenario().name()).append('\n')
          .append("fingerprint: ").append(result.fingerprint()).append('\n')
          .append("result:      ").append(result.passed() ? "passed" : String.valueOf(result.failure())).append('\n');
    }
    if (schedule != null) {
      text.append("schedule:    ").append(evidenceFolder.resolve("schedule.json"))
          .append(" (./omnisim run --schedule FILE --seed ").append(seed).append(" replays it on the reference)\n");
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return text.append('\n').append(trace).toString();
  }

  @SuppressWarnings("unchecked")
  private static OperationCodec<KvOp, String> kvCodec() {
    return (OperationCodec<KvOp, String>) ModelSpec.named("kv").orElseThrow().codec();
  }
}
