package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.grading.SubmissionLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * {@code omnisim} in a child JVM on the test classpath, with environment variables of our choosing: how a
 * test runs shard processes as Kubernetes or Slurm would start them, and interrupts or kills one.
 */
final class ChildOmnisim {
  /** Generous: a loaded 2-core machine starts a JVM and runs a few seeds in well under this. */
  static final long WAIT_SECONDS_MAX = 600;
  final Process process;
  final Path stdout;
  final Path stderr;

  private ChildOmnisim(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code omnisim args...} with {@code env} added to this process's environment; output goes to files in {@code logs}. */
  static ChildOmnisim start(Path logs, String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        OmnisimCommand.class.getName()));
    command.addAll(List.of(args));
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    for (String engineVariable : List.of("JOB_COMPLETION_INDEX", "OMNISIM_SHARD_COUNT", "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP", "AWS_BATCH_JOB_ARRAY_INDEX")) {
      builder.environment().remove(engineVariable); // only what the test gives
    }
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().close();
    return new ChildOmnisim(p, out, err);
  }

  /** Waits for the child to end and returns its exit status. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("a child omnisim did not end within " + WAIT_SECONDS_MAX + " s");
    }
    return process.exitValue();
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT " + process.pid() + " failed");
    }
  }

  /**
   * A submission jar holding only the services file that names {@code provider}: the class itself is on the
   * test classpath, which the child's submission class loader falls back to.
   */
  static Path submissionJar(Path folder, String name, Class<?> provider) throws IOException {
    Files.createDirectories(folder);
    Path jar = folder.resolve(name + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(SubmissionLoader.SERVICE_FILE));
      out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  /** Waits until {@code file} has at least {@code lines} lines containing {@code text}. */
  static void awaitLines(Path file, String text, int lines, ChildOmnisim child) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
    while (System.nanoTime() < deadline) {
      if (!child.process.isAlive()) {
        throw new AssertionError("the child ended before writing " + lines + " lines with '" + text + "': "
            + child.out() + child.err());
      }
      if (Files.exists(file) && Files.readAllLines(file).stream().filter(l -> l.contains(text)).count() >= lines) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file + " did not get " + lines + " lines with '" + text + "'");
  }
}
