package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.lincheck.model.SetOp;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Set operations in files. JSON: {@code "f": "add"|"read"}, {@code "value"} (add), {@code "output"}
 * (a completed read: an array of integers). EDN: {@code :add} with {@code :value v}, {@code :read}
 * answered by a set or vector.
 */
final class SetCodec implements OperationCodec<SetOp, Set<Long>> {

  @Override
  public Set<String> jsonFields() {
    return Set.of("value");
  }

  @Override
  public SetOp inputFromJson(String function, JsonNode line) {
    return switch (function) {
      case "add" -> new SetOp.Add(JsonValues.requiredLong(line, "value"));
      case "read" -> new SetOp.Read();
      default -> throw new IllegalArgumentException(
          "unknown operation \"" + function + "\" for model set (expected add or read)");
    };
  }

  @Override
  public Set<Long> outputFromJson(SetOp input, JsonNode output) {
    if (!(input instanceof SetOp.Read)) {
      return null;
    }
    if (!output.isArray()) {
      throw new IllegalArgumentException("a completed read needs an \"output\" array of integers");
    }
    Set<Long> elements = new TreeSet<>();
    for (JsonNode element : output) {
      elements.add(JsonValues.nullableLong(element, "output element"));
    }
    return elements;
  }

  @Override
  public String function(SetOp input) {
    return input instanceof SetOp.Add ? "add" : "read";
  }

  @Override
  public void inputToJson(SetOp input, ObjectNode line) {
    if (input instanceof SetOp.Add add) {
      line.put("value", add.element());
    }
  }

  @Override
  public void outputToJson(SetOp input, Set<Long> output, ObjectNode line) {
    if (input instanceof SetOp.Read) {
      ArrayNode array = line.putArray("output");
      new TreeSet<>(output).forEach(array::add);
    }
  }

  @Override
  public SetOp inputFromEdn(String function, Object value) {
    return switch (function) {
      case "add" -> new SetOp.Add(EdnValues.nullableLong(value, "an added element"));
      case "read" -> new SetOp.Read();
      default -> throw new IllegalArgumentException(
          "unknown operation :" + function + " for model set (expected :add or :read)");
    };
  }

  @Override
  public Set<Long> outputFromEdn(SetOp input, Object value) {
    if (!(input instanceof SetOp.Read)) {
      return null;
    }
    if (!(value instanceof Collection<?> elements)) {
      throw new IllegalArgumentException("a set read's :value must be a set or vector");
    }
    Set<Long> result = new TreeSet<>();
    for (Object element : elements) {
      result.add(EdnValues.nullableLong(element, "a set element"));
    }
    return result;
  }

  @Override
  public String ednFunction(SetOp input) {
    return function(input);
  }

  @Override
  public Object ednInvokeValue(SetOp input) {
    return input instanceof SetOp.Add add ? add.element() : null;
  }

  @Override
  public Object ednOkValue(SetOp input, Set<Long> output) {
    return input instanceof SetOp.Add add ? add.element() : new TreeSet<>(output);
  }
}
