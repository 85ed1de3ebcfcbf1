package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.grading.Rubric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autograder-bundle DIR} writes what Gradescope's autograder specification asks for: {@code
 * setup.sh} and an executable {@code run_autograder} at the root of the zip, the latter grading
 * {@code /autograder/submission} into {@code /autograder/results/results.json} with the bundled
 * rubric; and a README for teachers.
 */
class AutograderBundleTest {
  @TempDir Path temp;

  @Test
  void theBundleHoldsGradescopesTwoScriptsAtTheZipsRootAndGradesWithTheGivenRubric() throws Exception {
    Path jar = Files.write(temp.resolve("omnisim.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0});
    Path dir = temp.resolve("bundle");

    CommandRun o = omnisim("autograder-bundle", dir.toString(), "--suite", "extended", "--seeds", "2", "--jar", jar.toString());

    assertEquals(0, o.status(), o.out() + o.err());
    for (String f : List.of("setup.sh", "run_autograder", "omnisim.jar", "rubric.json", "README.md", "autograder.zip")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    assertTrue(Files.getPosixFilePermissions(dir.resolve("run_autograder")).contains(PosixFilePermission.OWNER_EXECUTE));
    assertTrue(Files.getPosixFilePermissions(dir.resolve("setup.sh")).contains(PosixFilePermission.OWNER_EXECUTE));
    String run = Files.readString(dir.resolve("run_autograder"));
    assertTrue(run.startsWith("#!/usr/bin/env bash\n"), "an executable script with its #! line");
    assertTrue(run.contains("grade --submission \"$submission\" --rubric rubric.json --seeds 2")
        && run.contains("--format gradescope --out /autograder/results"), run);
    assertTrue(run.contains("/autograder/results/results.json"), "a results.json is left whatever happens");
    assertEquals(0, new ProcessBuilder("bash", "-n", dir.resolve("run_autograder").toString()).start().waitFor(), "bash syntax");
    assertEquals(0, new ProcessBuilder("bash", "-n", dir.resolve("setup.sh").toString()).start().waitFor(), "bash syntax");

    Rubric bundled = Rubric.load(dir.resolve("rubric.json"), new Catalog());
    assertEquals(Rubric.suite("extended", new Catalog()).withSeeds(2), bundled, "the rubric reads back as given");
    assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(dir.resolve("omnisim.jar")));

    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dir.resolve("autograder.zip")))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertEquals(List.of("setup.sh", "run_autograder", "omnisim.jar", "rubric.json", "README.md"), entries,
        "the files at the zip's root, not under a folder");
    String readme = Files.readString(dir.resolve("README.md"));
    assertTrue(readme.contains("autograder.zip") && readme.contains("rubric `extended`"), readme);
  }
}
