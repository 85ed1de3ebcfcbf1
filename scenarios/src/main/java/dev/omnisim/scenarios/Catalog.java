package dev.omnisim.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;

/** Every named scenario: the lab's suite first, then the extended set, then the fuzz scenarios. */
public final class Catalog {
  private final LinkedHashMap<String, Scenario> byName = new LinkedHashMap<>();
  private final List<String> lab = new ArrayList<>();

  /** The catalog of this build. */
  public Catalog() {
    for (Scenario s : LabScenarios.all()) {
      add(s);
      lab.add(s.name());
    }
    for (Scenario s : ExtendedScenarios.all()) {
      add(s);
    }
    FuzzScenarios.catalogEntries().forEach(this::add);
  }

  private void add(Scenario s) {
    if (byName.put(s.name(), s) != null) {
      throw new IllegalStateException("two scenarios are named " + s.name());
    }
  }

  /** Every scenario, in catalog order. */
  public List<Scenario> all() {
    return List.copyOf(byName.values());
  }

  /** The lab's 11 graded scenarios, in the lab's order. */
  public List<Scenario> labSuite() {
    return lab.stream().map(byName::get).toList();
  }

  /** The scenario called {@code name}. */
  public Optional<Scenario> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The scenario called {@code name}, or an error that lists the names there are. */
  public Scenario require(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown scenario '" + name + "'; known: " + String.join(", ", byName.keySet())));
  }
}
