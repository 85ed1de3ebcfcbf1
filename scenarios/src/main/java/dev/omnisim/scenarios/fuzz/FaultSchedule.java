package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fault schedule: the fuzz configuration it runs under, the seed, and its timed actions in time
 * order. It is an explicit value saved as JSON next to the seed, so a failing schedule replays
 * exactly even after the generator changed, and can be shrunk. The file format ({@link
 * ScheduleJson}):
 *
 * <pre>{@code
 * {
 *   "format" : 2,
 *   "scenario" : "swarm",
 *   "seed" : 17,
 *   "config" : { "name" : "swarm", "servers" : 7, ..., "faults" : { "quorum-loss" : 3, "crash-leader" : 1 } },
 *   "actions" : [ { "atMicros" : 120000, "action" : "quorum-loss", "center" : 3 },
 *                 { "atMicros" : 900000, "action" : "heal" } ]
 * }
 * }</pre>
 *
 * Files written before the format had a number (no {@code format}, no {@code config}) still load:
 * their scenario names one of the fixed fuzz configurations, and their actions read the same.
 *
 * @param config the fuzz configuration: cluster, workload, network, fault mix, liveness demands
 * @param seed the seed the schedule was generated or failed with, or null (the workload's randomness
 *     comes from the seed given at run time; this one is its default)
 * @param actions the actions in time order
 */
public record FaultSchedule(FuzzConfig config, Long seed, List<TimedFault> actions) {

  /** The format number this build writes. */
  public static final int FORMAT = 2;

  public FaultSchedule {
    if (config == null) {
      throw new IllegalArgumentException("a fault schedule needs its fuzz configuration, was null");
    }
    List<TimedFault> sorted = new ArrayList<>(actions);
    sorted.sort(Comparator.comparingLong(TimedFault::atMicros)); // stable: same-time actions keep their order
    actions = List.copyOf(sorted);
  }

  /** The name of the scenario the schedule belongs to. */
  public String scenario() {
    return config.name();
  }

  /** This schedule with other actions. */
  public FaultSchedule withActions(List<TimedFault> newActions) {
    return new FaultSchedule(config, seed, newActions);
  }

  /** This schedule with another seed. */
  public FaultSchedule withSeed(Long newSeed) {
    return new FaultSchedule(config, newSeed, actions);
  }

  /** Number of actions. */
  public int size() {
    return actions.size();
  }

  /**
   * Refuses actions that name a server outside the configuration's or a time outside its fault
   * window, with one line naming {@code source}, the action and the problem.
   */
  public void validate(String source) {
    for (int i = 0; i < actions.size(); i++) {
      TimedFault a = actions.get(i);
      if (a.atMicros() > config.faultWindowMicros()) {
        throw new IllegalArgumentException(source + ": action " + i + " (" + a + ") is at " + a.atMicros()
            + " µs, outside the fault window [0, " + config.faultWindowMicros() + "]");
      }
      for (int id : a.action().serversNamed()) {
        if (id < 0 || id >= config.servers()) {
          throw new IllegalArgumentException(source + ": action " + i + " (" + a + ") names server " + id
              + ", but scenario " + scenario() + " has servers 0.." + (config.servers() - 1));
        }
      }
    }
  }

  /** The schedule as pretty JSON. */
  public String toJson() {
    ObjectMapper mapper = mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("scenario", scenario());
    if (seed != null) {
      root.put("seed", seed);
    }
    root.set("config", mapper.valueToTree(config));
    var list = root.putArray("actions");
    for (TimedFault a : actions) {
      ObjectNode entry = list.addObject();
      entry.put("atMicros", a.atMicros());
      entry.setAll((ObjectNode) mapper.valueToTree(a.action()));
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fault schedule could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the schedule to {@code file}. */
  public void save(Path file) throws IOException {
    Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The schedule in {@code json}, checked against its configuration; {@code source} names where it
   * came from in error messages. Bad input throws an {@link IllegalArgumentException} whose message
   * is one line naming the source, the entry and the problem.
   */
  public static FaultSchedule fromJson(String json, String source) {
    FaultSchedule s = ScheduleJson.read(json, source);
    s.validate(source);
    return s;
  }

  /** The schedule saved in {@code file}. */
  public static FaultSchedule load(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
