package dev.omnisim.scenarios.cli;

import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.generate.HistoryGenerator;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.RegisterOp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's start-up cache (the JDK's ahead-of-time cache, or its
 * class-data sharing archive on older JDKs): runs, in one JVM and with all output discarded, what
 * users start most — {@code check} on small histories of each format, {@code list}, {@code suite}
 * and a short {@code fuzz} — so that the classes they load, and on JDK 25 the methods they run hot,
 * are in the cache. Not a command: the launcher starts it with {@code -cp}, in the background, once
 * per build of the jar.
 */
public final class StartupTraining {

  private StartupTraining() {}

  /** Runs the training workload; exit status 0, or 1 when something could not run. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("omnisim-training");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(quiet);
    System.setErr(quiet);
    int status = 0;
    try {
      writeHistories(dir);
      Path out = dir.resolve("out");
      List<String[]> commands = List.of(
          new String[] {"check", dir.resolve("cas").toString(), "--model", "cas-register"},
          new String[] {"check", dir.resolve("kv.jsonl").toString(), "--model", "kv"},
          new String[] {"check", dir.resolve("kv.edn").toString(), "--model", "kv", "--json"},
          new String[] {"check", dir.resolve("cas").toString(), "--model", "cas-register", "--json"},
          new String[] {"list"},
          new String[] {"suite", "--out", out.toString()},
          new String[] {"fuzz", "--count", "40", "--threads", "1", "--out", out.toString()});
      for (String[] command : commands) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int exit = OmnisimCommand.commandLine().setOut(discard).setErr(discard).execute(command);
        // check exits 1 on the corrupted histories, fuzz may find a failure: only bad input is wrong here.
        status = exit == 2 ? 1 : status;
      }
    } finally {
      deleteTree(dir);
    }
    System.exit(status);
  }

  /** Small histories: cas-register (one corrupted read), key-value as JSON lines and as Jepsen EDN. */
  @SuppressWarnings("unchecked")
  private static void writeHistories(Path dir) throws IOException {
    ModelSpec<?, RegisterOp, Long> cas = (ModelSpec<?, RegisterOp, Long>) ModelSpec.named("cas-register").orElseThrow();
    ModelSpec<?, KvOp, String> kv = (ModelSpec<?, KvOp, String>) ModelSpec.named("kv").orElseThrow();
    Files.createDirectories(dir.resolve("cas"));
    for (int seed = 1; seed <= 8; seed++) {
      History<RegisterOp, Long> history = HistoryGenerator.casRegister(seed, 30, 5);
      try (Writer writer = Files.newBufferedWriter(dir.resolve("cas").resolve("h" + seed + ".jsonl"))) {
        HistoryFormat.JSONL.write(history, cas.codec(), writer);
      }
    }
    History<KvOp, String> appends = HistoryGenerator.withLostAppends(HistoryGenerator.uniqueAppends(1, 200, 10, 3), 1);
    try (Writer writer = Files.newBufferedWriter(dir.resolve("kv.jsonl"))) {
      HistoryFormat.JSONL.write(appends, kv.codec(), writer);
    }
    try (Writer writer = Files.newBufferedWriter(dir.resolve("kv.edn"))) {
      HistoryFormat.EDN.write(HistoryGenerator.keyValue(2, 100, 5, 3), kv.codec(), writer);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
