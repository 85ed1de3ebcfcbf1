package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.grading.SubmissionLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission written against the first student API (consensus types in {@code dev.omnisim.omnipaxos},
 * a {@code storage()} method) gets one line saying what changed and exit status 2, from {@code grade}
 * and from {@code run}; a jar built against it is refused the same way instead of silently running the
 * reference where its methods no longer override.
 */
class OldApiSubmissionTest {
  @TempDir Path temp;



  private static void assertOldApiLine(CommandRun o) {
    assertEquals(2, o.status(), o.err());
    List<String> lines = o.err().lines().toList();
    assertEquals(1, lines.size(), "exactly one error line, printed:\n" + o.err());
    String line = lines.get(0);
    assertTrue(line.contains("old student API"), line);
    assertTrue(line.contains("dev.omnisim.consensus"), line);
    assertTrue(line.contains("new-submission"), line);
    assertFalse(line.contains("Exception") || line.contains("\tat "), line);
  }

  /** The project {@code new-submission} wrote before the contract moved: its stub peer on the old API. */
  private Path oldProject() throws IOException {
    Path project = temp.resolve("old-student");
    assertEquals(0, OmnisimCommand.execute("new-submission", project.toString()));
    try (InputStream old = getClass().getResourceAsStream("oldapi/MyOmniPaxos.java.txt")) {
      Files.write(project.resolve("src/main/java/student/MyOmniPaxos.java"), old.readAllBytes());
    }
    return project;
  }

  @Test
  @DisplayName("grade and run refuse a project on the old API with one line naming what moved")
  void oldProjectIsBadInput() throws IOException {
    Path project = oldProject();
    assertOldApiLine(omnisim("grade", "--submission", project.toString(), "--out", temp.resolve("g").toString()));
    assertFalse(Files.exists(temp.resolve("g")), "no grading started, so no report folder");
    assertOldApiLine(omnisim("run", "basic-one", "--submission", project.toString()));
  }

  @Test
  @DisplayName("a jar whose classes name the old types is refused before it can run the reference silently")
  void oldJarIsBadInput() throws IOException {
    Path jar = temp.resolve("old.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("student/MyOmniPaxos.class"));
      // A class file names the types it uses in its constant pool, as plain text.
      out.write("\u0001\u0000#dev/omnisim/omnipaxos/ConsensusPeer".getBytes(StandardCharsets.ISO_8859_1));
      out.closeEntry();
    }
    assertOldApiLine(omnisim("grade", "--submission", jar.toString(), "--out", temp.resolve("g").toString()));
  }

  @Test
  @DisplayName("the current template passes the check, so the check does not refuse everything")
  void currentTemplateIsAccepted() throws Exception {
    Path project = temp.resolve("student");
    assertEquals(0, OmnisimCommand.execute("new-submission", project.toString()));
    SubmissionLoader.requireCurrentApi(project);
  }
}
