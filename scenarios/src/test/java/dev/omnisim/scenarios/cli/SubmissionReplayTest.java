package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.grading.SubmissionLoader;
import dev.omnisim.scenarios.grading.api.Submission;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suite --submission} runs the submission, and the replay commands it prints name it: run as
 * printed, they fail the same way. Without {@code --submission} in them they would replay the
 * reference, which passes (the bug this test was written for).
 */
class SubmissionReplayTest {
  @TempDir Path temp;

  @Test
  void suiteOfASubmissionPrintsReplayCommandsThatReplayTheSubmission() throws Exception {
    Path jar = jar(temp.resolve("subs"), "local-reads", BrokenSubmissions.LocalReadsAnywhere.class, BrokenServers.class);

    CommandRun suite = omnisim("suite", "--seed", "1", "--submission", jar.toString(), "--out", temp.resolve("out").toString());

    assertEquals(1, suite.status(), "local reads fail the lab's suite:\n" + suite.out() + suite.err());
    Matcher m = Pattern.compile("replay: +(\\./omnisim run (\\S+) --seed 1 --submission (\\S+))").matcher(suite.out());
    assertTrue(m.find(), "a replay command naming the submission:\n" + suite.out());
    assertEquals(jar.toAbsolutePath().toString(), m.group(3), "the path works from the repository: absolute here");

    List<String> replay = new ArrayList<>(Arrays.asList(m.group(1).split(" ")));
    replay.remove(0); // ./omnisim
    replay.addAll(List.of("--out", temp.resolve("replay-out").toString()));
    CommandRun again = omnisim(replay.toArray(String[]::new));
    assertEquals(1, again.status(), "the replay runs the submission, which fails again:\n" + again.out());
    assertTrue(again.out().contains("--submission " + jar.toAbsolutePath()), "and prints the same replay:\n" + again.out());

    CommandRun reference = omnisim("run", m.group(2), "--seed", "1", "--out", temp.resolve("ref-out").toString());
    assertEquals(0, reference.status(), "the reference passes the same seed, so a replay without --submission would pass");
  }

  /** A submission jar holding {@code provider} and the outer classes of {@code classes}, as a student's build makes it. */
  static Path jar(Path folder, String name, Class<? extends Submission> provider, Class<?>... classes) throws IOException {
    Files.createDirectories(folder);
    Path jar = folder.resolve(name + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(SubmissionLoader.SERVICE_FILE));
      out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      for (Class<?> c : Stream.concat(Stream.of(provider.getEnclosingClass() != null ? provider.getEnclosingClass() : provider),
          Stream.of(classes)).distinct().toList()) {
        Path root;
        try {
          root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
          throw new IOException(e);
        }
        String folderName = c.getPackageName().replace('.', '/');
        try (Stream<Path> files = Files.list(root.resolve(folderName))) {
          for (Path f : files.filter(p -> p.getFileName().toString().equals(c.getSimpleName() + ".class")
              || p.getFileName().toString().startsWith(c.getSimpleName() + "$")).sorted().toList()) {
            out.putNextEntry(new JarEntry(folderName + "/" + f.getFileName()));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}
