package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.cli.OmnisimCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rubrics: the built-in suites, the file format, and bad input refused before anything runs. */
class GradeRubricTest {
  @TempDir Path temp;
  private final Catalog catalog = new Catalog();

  @Test
  void theBuiltInSuitesGiveTenPointsPerScenarioOnThreeSeeds() {
    Rubric lab = Rubric.suite("lab", catalog);
    assertEquals(catalog.labSuite().stream().map(s -> s.name()).toList(),
        lab.items().stream().map(Rubric.Item::scenario).toList());
    assertEquals(List.of(1L, 2L, 3L), lab.seedList());
    Rubric extended = Rubric.suite("extended", catalog);
    assertTrue(extended.items().size() > lab.items().size());
    assertTrue(extended.items().stream().anyMatch(i -> i.scenario().equals("persist-partitions-unreliable")));
    assertTrue(extended.items().stream().noneMatch(i -> i.scenario().startsWith("fuzz")));
    assertEquals(catalog.all().size(), Rubric.suite("all", catalog).items().size());
  }

  @Test
  void aRubricFileNamesScenariosAndPoints() throws Exception {
    Path file = temp.resolve("r.json");
    Files.writeString(file, """
        {"name": "mine", "seeds": 5, "scenarios": [{"scenario": "basic-one", "points": 3}, {"scenario": "unreliable", "points": 7}]}
        """);
    Rubric r = Rubric.load(file, catalog);
    assertEquals("mine", r.name());
    assertEquals(5, r.seeds());
    assertEquals(10, r.maxPoints());
    assertEquals(2, r.withSeeds(2).seedList().size());
  }

  @Test
  void badRubricsAndMissingSubmissionsAreBadInput() throws Exception {
    Path unknown = temp.resolve("unknown.json");
    Files.writeString(unknown, "{\"scenarios\": [{\"scenario\": \"no-such-scenario\", \"points\": 1}]}");
    assertThrows(IllegalArgumentException.class, () -> Rubric.load(unknown, catalog));
    Path twice = temp.resolve("twice.json");
    Files.writeString(twice, "{\"scenarios\": [{\"scenario\": \"basic-one\", \"points\": 1}, {\"scenario\": \"basic-one\", \"points\": 1}]}");
    assertThrows(IllegalArgumentException.class, () -> Rubric.load(twice, catalog));

    Path jar = temp.resolve("x.jar");
    Files.writeString(jar, "not really a jar");
    assertEquals(2, OmnisimCommand.execute("grade", "--submission", jar.toString(), "--rubric", unknown.toString()));
    assertEquals(2, OmnisimCommand.execute("grade", "--submission", temp.resolve("missing.jar").toString()));
    assertEquals(2, OmnisimCommand.execute("grade", "--submission", jar.toString(), "--suite", "nope"));
    assertEquals(2, OmnisimCommand.execute("grade", "--submission", jar.toString(), "--seeds", "0"));
  }
}
