package dev.omnisim.scenarios.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnisim autograder-bundle DIR}: a Gradescope autograder (its {@code setup.sh} and {@code
 * run_autograder}, omnisim's jar, the rubric, a README for teachers, and the zip to upload), which
 * grades each submission with {@code omnisim grade --format gradescope}.
 */
@Command(name = "autograder-bundle", mixinStandardHelpOptions = true,
    description = {"Writes a Gradescope autograder into DIR: setup.sh (installs a JDK), run_autograder (grades "
        + "/autograder/submission with 'omnisim grade --format gradescope' into /autograder/results/results.json), "
        + "omnisim.jar, the rubric, README.md for teachers, and autograder.zip, the file to upload."})
final class AutograderBundleCommand implements Callable<Integer> {
  static final List<String> FILES = List.of("setup.sh", "run_autograder", "omnisim.jar", "rubric.json", "README.md");

  @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty folder.")
  Path dir;

  @Option(names = "--suite", defaultValue = "lab", paramLabel = "lab|extended|all",
      description = "The built-in rubric to grade with (default ${DEFAULT-VALUE}).")
  String suite;

  @Option(names = "--rubric", paramLabel = "FILE.json", description = "A rubric file to grade with instead (copied into the bundle).")
  Path rubricFile;

  @Option(names = "--seeds", paramLabel = "K", description = "Seeds 1..K per scenario (default: the rubric's, else 3).")
  Integer seeds;

  @Option(names = "--jar", paramLabel = "FILE.jar",
      description = "omnisim's jar to put in the bundle (default: the jar this command runs from; "
          + "build it with ./mvnw -B package).")
  Path jar;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // Every input is checked before the first file is written.
    var rubric = GradeCommand.loadRubric(spec, new dev.omnisim.scenarios.Catalog(), rubricFile, suite, seeds);
    Path omnisimJar = jar != null ? jar : runningJar();
    if (omnisimJar == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "this omnisim runs from classes, not a jar: "
          + "give --jar FILE.jar (./mvnw -B package builds scenarios/target/omnisim.jar)");
    }
    if (!Files.isRegularFile(omnisimJar) || !omnisimJar.getFileName().toString().endsWith(".jar")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "'" + omnisimJar + "' (--jar) is not a jar file");
    }
    if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "'" + dir + "' exists and is not an empty folder");
    }
    Cli.requireWritableFolder(spec, dir, "DIR");

    Files.createDirectories(dir);
    write("setup.sh", SETUP, true);
    write("run_autograder", RUN.replace("@SEEDS@", Integer.toString(rubric.seeds())), true);
    Files.copy(omnisimJar, dir.resolve("omnisim.jar"));
    write("rubric.json", rubric.toJson(), false);
    write("README.md", README.replace("@RUBRIC@", rubric.name()).replace("@SEEDS@", Integer.toString(rubric.seeds()))
        .replace("@SCENARIOS@", Integer.toString(rubric.items().size()))
        .replace("@POINTS@", Integer.toString(rubric.maxPoints())), false);
    zip(dir.resolve("autograder.zip"));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote a Gradescope autograder into %s: %s; rubric %s (%d scenarios, seeds 1..%d, %d points)%n",
        dir, String.join(", ", FILES), rubric.name(), rubric.items().size(), rubric.seeds(), rubric.maxPoints());
    out.println("upload " + dir.resolve("autograder.zip") + " as the assignment's autograder (see README.md there)");
    return 0;
  }

  private void write(String name, String text, boolean executable) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    if (executable) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the zip entry is made executable anyway
      }
    }
  }

  /** The zip Gradescope takes: the files at its root, not under a folder (its documentation insists). */
  private void zip(Path target) throws IOException {
    try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (String name : FILES) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same bundle gives the same bytes
        zip.putNextEntry(entry);
        Files.copy(dir.resolve(name), zip);
        zip.closeEntry();
      }
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static Path runningJar() {
    try {
      Path self = Path.of(AutograderBundleCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return self.toString().endsWith(".jar") ? self : null;
    } catch (Exception e) { // no code source: the caller asks for --jar
      return null;
    }
  }

  private static final String SETUP = """
      #!/usr/bin/env bash
      # Gradescope runs this once, as root, when it builds the autograder's image.
      set -euo pipefail
      apt-get update
      # omnisim needs Java 21 or newer, and a JDK (not only a JRE) to compile project folders.
      apt-get install -y --no-install-recommends openjdk-21-jdk-headless \\
        || apt-get install -y --no-install-recommends default-jdk-headless
      java -version
      """;

  private static final String RUN = """
      #!/usr/bin/env bash
      # Gradescope runs this for every submission, in /autograder. It must leave
      # /autograder/results/results.json, whatever the submission does.
      set -uo pipefail
      cd /autograder/source
      submission=/autograder/submission
      # A student may upload a project folder (src/main/java, as 'omnisim new-submission' writes it),
      # or a single jar.
      if [ ! -d "$submission/src/main/java" ]; then
        jars=("$submission"/*.jar)
        if [ ${#jars[@]} -eq 1 ] && [ -f "${jars[0]}" ]; then submission="${jars[0]}"; fi
      fi
      mkdir -p /autograder/results
      java -jar omnisim.jar grade --submission "$submission" --rubric rubric.json --seeds @SEEDS@ \\
        --format gradescope --out /autograder/results
      status=$?
      # 0 full marks, 1 points lost, 2 the submission cannot be graded: results.json says which.
      if [ ! -f /autograder/results/results.json ]; then
        echo '{"score": 0, "output": "omnisim could not grade this submission; see the autograder output.", "tests": []}' \\
          > /autograder/results/results.json
      fi
      echo "omnisim grade exited with status $status"
      exit 0
      """;

  private static final String README = """
      # omnisim autograder for Gradescope

      This folder is a Gradescope autograder written by `omnisim autograder-bundle`. It grades a student's
      implementation of OmniPaxos and the key-value service on rubric `@RUBRIC@`: @SCENARIOS@ scenarios,
      seeds 1..@SEEDS@ each, @POINTS@ points. A scenario earns its points only when every seed passes,
      and every seed runs twice (the two runs must be identical).

      ## Set it up

      1. In Gradescope, create a *Programming Assignment* and, under *Configure Autograder*, upload
         `autograder.zip` (it holds the other files at its root, as Gradescope requires).
      2. Choose an Ubuntu base image; `setup.sh` installs a JDK 21.
      3. Give the assignment @POINTS@ points, so that Gradescope's total matches the rubric's.
      4. Test it with *Test Autograder*: upload the reference (a project made by `omnisim new-submission`
         whose classes override nothing) and expect @POINTS@ / @POINTS@.

      ## What students upload

      The project folder `omnisim new-submission DIR` wrote (with `src/main/java` and the file
      `src/main/resources/META-INF/services/dev.omnisim.scenarios.grading.api.Submission`), or one jar
      built from it. The autograder compiles the folder itself; no Maven is needed.

      ## What students see

      `results.json` has one test per scenario (its points, passed or failed) with the lab's result lines,
      and for each failing seed what failed, a hint of what that kind of failure usually means, the
      linearizability counterexample when there is one, and the command that replays the run on their
      machine (`./omnisim run NAME --seed N --submission PATH`). A submission that does not compile or
      cannot be loaded scores 0 with the compiler's or loader's message, once.

      ## Files

      | file | what it is |
      |---|---|
      | `setup.sh` | installs a JDK (run once when Gradescope builds the image) |
      | `run_autograder` | grades `/autograder/submission` into `/autograder/results/results.json` |
      | `omnisim.jar` | the omnisim that grades; fingerprints depend on its version, recorded in every result |
      | `rubric.json` | the rubric; edit it and run `omnisim autograder-bundle` again to change the points |

      Not a sandbox beyond Gradescope's container: a submission runs with the autograder's permissions.
      """;
}
