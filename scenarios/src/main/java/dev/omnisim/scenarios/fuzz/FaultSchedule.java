package dev.omnisim.scenarios.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fault schedule: the fuzz scenario it belongs to and its timed actions, in time order. It is an
 * explicit value saved as JSON next to the seed, so a failing schedule replays exactly even after
 * the generator changed, and can be shrunk.
 *
 * @param scenario the fuzz scenario's name (it fixes servers, clients and the fault window)
 * @param seed the seed the schedule was generated or failed with, or null (the workload's randomness
 *     comes from the seed given at run time; this one is its default)
 * @param actions the actions in time order
 */
public record FaultSchedule(String scenario, Long seed, List<FaultAction> actions) {

  public FaultSchedule {
    if (scenario == null || scenario.isEmpty()) {
      throw new IllegalArgumentException("a fault schedule names its scenario; 'scenario' was empty");
    }
    List<FaultAction> sorted = new ArrayList<>(actions);
    sorted.sort(Comparator.comparingLong(FaultAction::atMicros)); // stable: same-time actions keep their order
    actions = List.copyOf(sorted);
  }

  /** This schedule with other actions. */
  public FaultSchedule withActions(List<FaultAction> newActions) {
    return new FaultSchedule(scenario, seed, newActions);
  }

  /** Number of actions. */
  public int size() {
    return actions.size();
  }

  /** Refuses actions that name a server outside [0, servers) or a time outside [0, windowMicros]. */
  public void validate(int servers, long windowMicros, String source) {
    for (int i = 0; i < actions.size(); i++) {
      FaultAction a = actions.get(i);
      if (a.atMicros() < 0 || a.atMicros() > windowMicros) {
        throw new IllegalArgumentException(source + ": action " + i + " (" + a + ") is at " + a.atMicros()
            + " µs, outside the fault window [0, " + windowMicros + "]");
      }
      for (int id : serversNamed(a)) {
        if (id < 0 || id >= servers) {
          throw new IllegalArgumentException(source + ": action " + i + " (" + a + ") names server " + id
              + ", but scenario " + scenario + " has servers 0.." + (servers - 1));
        }
      }
    }
  }

  private static List<Integer> serversNamed(FaultAction a) {
    return switch (a) {
      case FaultAction.Partition p -> p.groups().stream().flatMap(List::stream).toList();
      case FaultAction.Bridge b -> concat(List.of(b.bridge()), concat(b.left(), b.right()));
      case FaultAction.Ring r -> r.order();
      case FaultAction.Star s -> List.of(s.center());
      case FaultAction.Chain c -> c.order();
      case FaultAction.CutOneWay c -> List.of(c.from(), c.to());
      case FaultAction.Clog c -> List.of(c.a(), c.b());
      case FaultAction.Crash c -> List.of(c.server());
      case FaultAction.Restart r -> List.of(r.server());
      case FaultAction.LossyDisk d -> List.of(d.server());
      case FaultAction.LossBurst l -> List.of();
      case FaultAction.CrashLeader c -> List.of();
      case FaultAction.Heal h -> List.of();
    };
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The schedule as pretty JSON. */
  public String toJson() {
    try {
      return mapper().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fault schedule could not be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Writes the schedule to {@code file}. */
  public void save(Path file) throws IOException {
    Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
  }

  /** The schedule in {@code json}; {@code source} names where it came from in error messages. */
  public static FaultSchedule fromJson(String json, String source) {
    try {
      FaultSchedule s = mapper().readValue(json, FaultSchedule.class);
      if (s == null || s.actions() == null) {
        throw new IllegalArgumentException(source + ": not a fault schedule (expected {\"scenario\": ..., \"actions\": [...]})");
      }
      return s;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(source + where + ": not a valid fault schedule: " + e.getOriginalMessage(), e);
    }
  }

  /** The schedule saved in {@code file}. */
  public static FaultSchedule load(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
