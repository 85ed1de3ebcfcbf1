package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading typed JSON fields with messages that say which field and what was wrong. */
final class JsonValues {

  private JsonValues() {}

  static String requiredString(JsonNode line, String field) {
    JsonNode node = line.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a string, not " + node);
    }
    return node.textValue();
  }

  /** An integer or null; {@code present} says whether the field must exist. */
  static Long nullableLong(JsonNode node, String field) {
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    if (node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be an integer or null, not " + node);
    }
    return node.longValue();
  }

  static long requiredLong(JsonNode line, String field) {
    Long value = nullableLong(line.get(field), field);
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" must be an integer, not null");
    }
    return value;
  }
}
