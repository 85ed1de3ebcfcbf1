package dev.omnisim.scenarios.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a submission is graded on: scenarios with their points, and how many seeds each runs with
 * (seeds 1 .. seeds). A scenario earns its points only when every seed passes, deterministically.
 *
 * <p>The file format (JSON):
 *
 * <pre>{@code
 * {"name": "lab+persistence", "seeds": 3,
 *  "scenarios": [{"scenario": "basic-one", "points": 10}, {"scenario": "persist-partitions-unreliable", "points": 20}]}
 * }</pre>
 *
 * @param name shown in the reports
 * @param seeds the seeds 1 .. seeds run for every scenario
 * @param items the scenarios and their points, in report order
 */
public record Rubric(String name, int seeds, List<Item> items) {
  /** The lab's tests weigh the same, so each of its scenarios is worth this much. */
  public static final int POINTS_PER_SCENARIO = 10;
  /** The default seeds per scenario: enough to catch most flaky bugs, few enough to grade in a minute. */
  public static final int DEFAULT_SEEDS = 3;

  /** One graded scenario. */
  public record Item(String scenario, int points) {}

  public Rubric {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a rubric needs at least one scenario");
    }
    if (seeds < 1 || seeds > 1000) {
      throw new IllegalArgumentException("seeds must be 1 .. 1000, was " + seeds);
    }
    var names = new LinkedHashSet<String>();
    for (Item i : items) {
      if (i.points() < 0) {
        throw new IllegalArgumentException("scenario " + i.scenario() + " has negative points " + i.points());
      }
      if (!names.add(i.scenario())) {
        throw new IllegalArgumentException("scenario " + i.scenario() + " appears twice in the rubric");
      }
    }
  }

  /** The most points there are. */
  public int maxPoints() {
    return items.stream().mapToInt(Item::points).sum();
  }

  /** The same rubric with {@code n} seeds. */
  public Rubric withSeeds(int n) {
    return new Rubric(name, n, items);
  }

  /** The seeds every scenario runs with: 1 .. seeds. */
  public List<Long> seedList() {
    List<Long> list = new ArrayList<>();
    for (long s = 1; s <= seeds; s++) {
      list.add(s);
    }
    return list;
  }

  /**
   * A built-in rubric, {@link #POINTS_PER_SCENARIO} points per scenario: {@code lab} (the lab's 11, the
   * default), {@code extended} (the lab's 11 and the extended set) or {@code all} (every catalog scenario,
   * fuzz included).
   */
  public static Rubric suite(String suite, Catalog catalog) {
    List<Scenario> scenarios = switch (suite) {
      case "lab" -> catalog.labSuite();
      case "extended" -> catalog.all().stream().filter(s -> !FuzzScenarios.isFuzzScenario(s.name())).toList();
      case "all" -> catalog.all();
      default -> throw new IllegalArgumentException("unknown suite '" + suite + "'; known: lab, extended, all");
    };
    return new Rubric(suite, DEFAULT_SEEDS,
        scenarios.stream().map(s -> new Item(s.name(), POINTS_PER_SCENARIO)).toList());
  }

  /** The rubric as a file that {@link #load} reads back to an equal rubric. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    var root = mapper.createObjectNode();
    root.put("name", name).put("seeds", seeds);
    var list = root.putArray("scenarios");
    items.forEach(i -> list.addObject().put("scenario", i.scenario()).put("points", i.points()));
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a rubric file, checking that every scenario is in {@code catalog}. */
  public static Rubric load(Path file, Catalog catalog) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isObject() || !root.path("scenarios").isArray()) {
      throw new IllegalArgumentException(file + ": a rubric is a JSON object with a \"scenarios\" array");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode n : root.get("scenarios")) {
      String scenario = n.path("scenario").asText(null);
      if (scenario == null || !n.path("points").canConvertToInt()) {
        throw new IllegalArgumentException(file + ": every scenario entry needs \"scenario\" (a name) and "
            + "\"points\" (an integer), got " + n);
      }
      catalog.require(scenario);
      items.add(new Item(scenario, n.get("points").asInt()));
    }
    String name = root.path("name").asText(file.getFileName().toString());
    return new Rubric(name, root.path("seeds").asInt(DEFAULT_SEEDS), items);
  }
}
