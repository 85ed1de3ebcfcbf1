package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a schedule file, entry by entry, so that bad input is refused with one line that names the
 * file, the entry and the problem in the file's own terms (an unknown fault, a missing field, a
 * negative time), not the JSON library's.
 */
final class ScheduleJson {
  private static final String TOP_LEVEL = "format, scenario, seed, config, actions";

  private ScheduleJson() {}

  static FaultSchedule read(String json, String source) {
    ObjectMapper mapper = FaultSchedule.mapper();
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(source + where + ": not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject() || !root.path("actions").isArray()) {
      throw new IllegalArgumentException(source + ": not a fault schedule (expected {\"scenario\": ..., \"actions\": [...]})");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!(", " + TOP_LEVEL + ",").contains(", " + field + ",")) {
        throw new IllegalArgumentException(source + ": unknown field '" + field + "' (a schedule has " + TOP_LEVEL + ")");
      }
    }
    if (root.has("format") && (!root.get("format").canConvertToInt() || root.get("format").asInt() != FaultSchedule.FORMAT)) {
      throw new IllegalArgumentException(source + ": schedule format " + root.get("format") + " is not one this build reads"
          + " (" + FaultSchedule.FORMAT + ", or none for files written before formats were numbered)");
    }
    String scenario = root.path("scenario").asText("");
    if (scenario.isEmpty()) {
      throw new IllegalArgumentException(source + ": a fault schedule names its scenario; 'scenario' was empty");
    }
    Long seed = null;
    if (root.has("seed") && !root.get("seed").isNull()) {
      if (!root.get("seed").canConvertToLong()) {
        throw new IllegalArgumentException(source + ": 'seed' must be a whole number, was " + root.get("seed"));
      }
      seed = root.get("seed").asLong();
    }
    FuzzConfig config = config(mapper, root, scenario, source);
    List<TimedFault> actions = new ArrayList<>();
    int i = 0;
    for (JsonNode entry : root.get("actions")) {
      actions.add(entry(mapper, entry, source + ": action " + i));
      i++;
    }
    return new FaultSchedule(config, seed, actions);
  }

  private static FuzzConfig config(ObjectMapper mapper, JsonNode root, String scenario, String source) {
    if (!root.has("config")) {
      return FuzzScenarios.config(scenario).orElseThrow(() -> new IllegalArgumentException(source + ": names scenario '"
          + scenario + "', which is not a fixed fuzz scenario, and saves no 'config'; known: " + FuzzScenarios.names()));
    }
    FuzzConfig config;
    try {
      config = mapper.treeToValue(root.get("config"), FuzzConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": config: " + problem(e));
    }
    if (config == null) {
      throw new IllegalArgumentException(source + ": config: expected an object, was null");
    }
    if (!config.name().equals(scenario)) {
      throw new IllegalArgumentException(source + ": config is named '" + config.name() + "' but the schedule's scenario"
          + " is '" + scenario + "'");
    }
    return config;
  }

  private static TimedFault entry(ObjectMapper mapper, JsonNode entry, String where) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object like {\"atMicros\": 0, \"action\": \"crash\","
          + " \"server\": 1}, was " + entry);
    }
    ObjectNode fields = ((ObjectNode) entry).deepCopy();
    JsonNode at = fields.remove("atMicros");
    String name = fields.path("action").asText("");
    Class<?> kind = actionClass(name);
    if (kind == null) {
      throw new IllegalArgumentException(where + ": unknown fault '" + name + "'; known: " + knownActions());
    }
    where = where + " (" + name + ")";
    if (at == null || !at.canConvertToLong() || !at.isIntegralNumber()) {
      throw new IllegalArgumentException(where + ": 'atMicros' must be a whole number of microseconds, was "
          + (at == null ? "missing" : at));
    }
    if (at.asLong() < 0) {
      throw new IllegalArgumentException(where + ": negative time " + at.asLong() + " µs");
    }
    StringJoiner takes = new StringJoiner(", ");
    for (RecordComponent c : kind.getRecordComponents()) {
      takes.add(c.getName());
      if (!fields.has(c.getName())) {
        throw new IllegalArgumentException(where + ": missing field '" + c.getName() + "'");
      }
    }
    for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("action") && !(", " + takes + ",").contains(", " + f + ",")) {
        throw new IllegalArgumentException(where + ": unknown field '" + f + "'; " + name + " takes "
            + (takes.length() == 0 ? "no fields" : takes) + " besides atMicros");
      }
    }
    try {
      return new TimedFault(at.asLong(), mapper.treeToValue(fields, FaultAction.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + problem(e));
    }
  }

  /** The action class called {@code name} in files (an old name included), or null. */
  static Class<?> actionClass(String name) {
    for (JsonSubTypes.Type t : FaultAction.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.name().equals(name) || List.of(t.names()).contains(name)) {
        return t.value();
      }
    }
    return null;
  }

  /** The names of every action, for error messages. */
  static String knownActions() {
    StringJoiner out = new StringJoiner(", ");
    for (JsonSubTypes.Type t : FaultAction.class.getAnnotation(JsonSubTypes.class).value()) {
      out.add(t.name());
    }
    return out.toString();
  }

  /** What went wrong, in the file's terms: a constructor's own message, or the field and what it needs. */
  static String problem(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException && !(c instanceof JsonProcessingException) && c.getMessage() != null) {
        return firstLine(c.getMessage());
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + path(u) + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "field '" + path(m) + "': expected " + typeName(m.getTargetType());
    }
    if (e instanceof JsonProcessingException j) {
      return firstLine(j.getOriginalMessage());
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String path(MismatchedInputException e) {
    StringJoiner out = new StringJoiner(".");
    for (var ref : e.getPath()) {
      out.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return out.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a " + type.getSimpleName();
  }

  private static String firstLine(String s) {
    String line = s == null ? "" : s.lines().findFirst().orElse("");
    int source = line.indexOf(" at [Source");
    return source < 0 ? line : line.substring(0, source);
  }
}
