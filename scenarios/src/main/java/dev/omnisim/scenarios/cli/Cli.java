package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/** What the subcommands share: looking up scenarios, timing runs on the wall clock, the result line. */
final class Cli {
  private Cli() {}

  /** A result and how long it took on the wall clock. */
  record Timed<T>(T result, long wallMillis) {}

  static <T> Timed<T> time(Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    return new Timed<>(result, (System.nanoTime() - start) / 1_000_000);
  }

  /** The scenario called {@code name}, or a parameter error (exit 2) listing the known names. */
  static Scenario scenario(CommandLine.Model.CommandSpec spec, Catalog catalog, String name) {
    try {
      return catalog.require(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** A failed run's message, where its evidence went and the command that replays it. */
  static void printFailure(java.io.PrintWriter out, ScenarioResult r, java.nio.file.Path evidence, String replay) {
    out.println("    " + r.failure().describe().replace("\n", "\n    "));
    out.println("    evidence: " + evidence);
    out.println("    replay:   " + replay);
  }

  /** The lab's line plus what makes the run reproducible and comparable. */
  static String resultLine(ScenarioResult r, long wallMillis) {
    return r.labLine() + "   seed " + r.seed() + "  wall " + wallMillis + " ms  fingerprint " + r.fingerprint();
  }

  /** A command that needs a subcommand was given none: one line naming them, exit status 2. */
  static CommandLine.ParameterException missingSubcommand(CommandLine.Model.CommandSpec spec) {
    List<String> names = new ArrayList<>(spec.subcommands().keySet());
    names.remove("help");
    return new CommandLine.ParameterException(spec.commandLine(), "'" + spec.qualifiedName()
        + "' needs a subcommand: " + String.join(", ", names) + " (see '" + spec.qualifiedName() + " --help')");
  }

  /** Folds a message onto one line, so that bad input is always exactly one line on stderr. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** An I/O problem as a person says it: the file and what is wrong with it, no exception class names. */
  static String describe(Throwable e) {
    if (e instanceof FileSystemException f) {
      String what = f.getReason() != null ? f.getReason()
          : e instanceof NoSuchFileException ? "no such file or folder"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileAlreadyExistsException ? "already exists"
          : e instanceof NotDirectoryException ? "not a folder"
          : "cannot be used";
      return (f.getFile() == null ? "" : f.getFile() + ": ") + what;
    }
    return e == null || e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  /**
   * Bad input is exit status 2 before any work: {@code folder} must be a folder this process can
   * create files in. Folders made for the check are removed again, so a refused command leaves nothing.
   */
  static void requireWritableFolder(CommandLine.Model.CommandSpec spec, Path folder, String option) {
    Path absolute = folder.toAbsolutePath().normalize();
    Path firstMissing = null;
    for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
      firstMissing = p;
    }
    try {
      if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
        throw new NotDirectoryException(absolute.toString());
      }
      Files.createDirectories(absolute);
      Files.delete(Files.createTempFile(absolute, ".omnisim-write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot write to '" + folder + "' (" + option
          + "): " + describe(e));
    } finally {
      removeCreated(absolute, firstMissing);
    }
  }

  /** Bad input is exit status 2 before any work: {@code file} must be a file this process can write. */
  static void requireWritableFile(CommandLine.Model.CommandSpec spec, Path file, String option) {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot write '" + file + "' (" + option
          + "): it is a folder; name a file");
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot write '" + file + "' (" + option
          + "): permission denied");
    }
    requireWritableFolder(spec, absolute.getParent() == null ? absolute : absolute.getParent(), option);
  }

  private static void removeCreated(Path folder, Path firstMissing) {
    if (firstMissing == null) {
      return;
    }
    for (Path p = folder; p != null && p.startsWith(firstMissing); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException | SecurityException ignored) {
        return; // not empty or not ours: leave it
      }
    }
  }

  /**
   * The runner for {@code --submission PATH} and {@code --protocol NAME}: the protocol alone runs under the
   * reference key-value layer; with a submission it runs under the submission's key-value layer, and only when the
   * submission leaves {@code consensus()} to the reference (a submission that implements it brings its own
   * protocol: bad input). Its replay commands name whichever was given.
   */
  static dev.omnisim.scenarios.ScenarioRunner runner(CommandLine.Model.CommandSpec spec, Path submission,
      ProtocolOption protocol) {
    dev.omnisim.scenarios.Implementation implementation = protocol.implementation(spec);
    if (submission != null) {
      return runner(spec, submission, protocol.name, protocol.replaySuffix());
    }
    return dev.omnisim.scenarios.ScenarioRunner.reference().withImplementation(implementation)
        .withReplayArguments(protocol.replaySuffix().strip());
  }

  /**
   * The runner for {@code --submission PATH}, or the reference when {@code submission} is null; its replay
   * commands name the submission, so that they replay it and not the reference. A submission that cannot be
   * loaded is bad input (exit status 2), before any run.
   */
  static dev.omnisim.scenarios.ScenarioRunner runner(CommandLine.Model.CommandSpec spec, Path submission) {
    if (submission == null) {
      return dev.omnisim.scenarios.ScenarioRunner.reference();
    }
    return runner(spec, submission, dev.omnisim.scenarios.Protocols.DEFAULT, "");
  }

  private static dev.omnisim.scenarios.ScenarioRunner runner(CommandLine.Model.CommandSpec spec, Path submission,
      String protocol, String replaySuffix) {
    try {
      return dev.omnisim.scenarios.grading.SubmissionLoader.runner(
              dev.omnisim.scenarios.grading.SubmissionLoader.loadFrom(submission), String.valueOf(submission.getFileName()),
              protocol)
          .withReplayArguments("--submission " + dev.omnisim.scenarios.grading.CommandPaths.forCommand(submission)
              + replaySuffix);
    } catch (dev.omnisim.scenarios.grading.SubmissionLoader.SubmissionException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--submission " + oneLine(e.getMessage()));
    }
  }

  /**
   * A schedule file that cannot be read or parsed, as one line naming the file, where in it and the
   * problem; the JSON parser's own wording (its class names, its source excerpts) stays out.
   */
  static CommandLine.ParameterException scheduleError(CommandLine.Model.CommandSpec spec, Path file, String option,
      Exception e) {
    String problem;
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      var at = json.getLocation();
      problem = (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
          + "not valid JSON: " + plainJson(json.getOriginalMessage());
    } else if (e instanceof java.io.IOException io) {
      problem = describe(io);
    } else {
      problem = plainJson(e.getMessage());
    }
    String text = oneLine(problem);
    return new CommandLine.ParameterException(spec.commandLine(), text.contains(file.toString()) ? text + " (" + option + ")"
        : "schedule " + file + " (" + option + "): " + text);
  }

  /** A JSON parser's message without its hints for programmers (class names, feature flags, source excerpts). */
  private static String plainJson(String message) {
    if (message == null) {
      return "malformed";
    }
    String m = message.replaceAll("\\(`[^`]*`\\)", "").replaceAll("(?s)\\s*\\R.*", "");
    m = m.replaceAll("\\b(?:[a-z]+\\.)+([A-Z][A-Za-z0-9]*)\\b", "$1"); // java.lang.String -> String
    return m.strip();
  }
}
