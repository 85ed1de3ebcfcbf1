package dev.omnisim.scenarios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code omnisim new-submission DIR}: writes a submission project with empty stubs to start from. */
@Command(name = "new-submission", mixinStandardHelpOptions = true,
    description = {"Writes a submission project into DIR: MySubmission (the Submission the grader loads, named in "
        + "META-INF/services), stubs MyOmniPaxos, MyKvServer and MyClerk that compile but do nothing (so every "
        + "scenario fails until you fill them in), a README and a pom.xml for your IDE.",
        "Then: ./omnisim run basic-one --submission DIR, ./omnisim grade --submission DIR."})
final class NewSubmissionCommand implements Callable<Integer> {
  private static final String TEMPLATE = "/dev/omnisim/scenarios/grading/template/";
  /** The template's files, relative to its root. */
  static final List<String> FILES = List.of("README.md", "pom.xml",
      "src/main/java/student/MySubmission.java", "src/main/java/student/MyOmniPaxos.java",
      "src/main/java/student/MyKvServer.java", "src/main/java/student/MyClerk.java",
      "src/main/resources/META-INF/services/dev.omnisim.scenarios.grading.api.Submission");

  @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty folder.")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
      throw new CommandLine.ParameterException(spec.commandLine(), dir + " exists and is not an empty folder");
    }
    for (String file : FILES) {
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      String text = read(file).replace("@OMNISIM_JAR@", omnisimJar());
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
    var out = spec.commandLine().getOut();
    out.println("wrote a submission project into " + dir + " (" + FILES.size() + " files); next:");
    out.println("  ./omnisim run basic-one --seed 1 --submission " + dir);
    out.println("  ./omnisim grade --submission " + dir);
    return 0;
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static String read(String file) {
    try (InputStream in = NewSubmissionCommand.class.getResourceAsStream(TEMPLATE + file)) {
      if (in == null) {
        throw new IllegalStateException("the template file " + file + " is missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jar this command runs from, for the template's pom; a placeholder when run from classes. */
  private static String omnisimJar() {
    try {
      Path self = Path.of(NewSubmissionCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return self.toString().endsWith(".jar") ? self.toAbsolutePath().toString() : "PATH/TO/omnisim/scenarios/target/omnisim.jar";
    } catch (Exception e) { // no code source (a custom class loader): the placeholder will do
      return "PATH/TO/omnisim/scenarios/target/omnisim.jar";
    }
  }
}
