package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.lincheck.model.RegisterOp;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Register operations in files. JSON: {@code "f": "read"|"write"|"cas"}, {@code "value"} (write),
 * {@code "from"} and {@code "to"} (cas), {@code "output"} (a completed read; an integer or null).
 * EDN: Knossos's {@code :read}, {@code :write} with {@code :value v}, {@code :cas} with {@code
 * :value [from to]}.
 */
final class RegisterCodec implements OperationCodec<RegisterOp, Long> {

  private final boolean casAllowed;

  RegisterCodec(boolean casAllowed) {
    this.casAllowed = casAllowed;
  }

  private String expected() {
    return casAllowed ? "read, write or cas" : "read or write";
  }

  private String modelName() {
    return casAllowed ? "cas-register" : "register";
  }

  @Override
  public Set<String> jsonFields() {
    return Set.of("value", "from", "to");
  }

  @Override
  public RegisterOp inputFromJson(String function, JsonNode line) {
    return switch (function) {
      case "read" -> new RegisterOp.Read();
      case "write" -> new RegisterOp.Write(JsonValues.nullableLong(line.path("value"), "value"));
      case "cas" -> {
        if (!casAllowed) {
          throw unknown("\"cas\"");
        }
        yield new RegisterOp.Cas(
            JsonValues.nullableLong(line.path("from"), "from"), JsonValues.nullableLong(line.path("to"), "to"));
      }
      default -> throw unknown("\"" + function + "\"");
    };
  }

  private IllegalArgumentException unknown(String function) {
    return new IllegalArgumentException(
        "unknown operation " + function + " for model " + modelName() + " (expected " + expected() + ")");
  }

  @Override
  public Long outputFromJson(RegisterOp input, JsonNode output) {
    if (input instanceof RegisterOp.Read) {
      if (output.isMissingNode()) {
        throw new IllegalArgumentException("a completed read needs an \"output\" (an integer or null)");
      }
      return JsonValues.nullableLong(output, "output");
    }
    if (!output.isMissingNode() && !output.isNull()) {
      throw new IllegalArgumentException("a " + function(input) + " has no \"output\"");
    }
    return null;
  }

  @Override
  public String function(RegisterOp input) {
    return switch (input) {
      case RegisterOp.Read read -> "read";
      case RegisterOp.Write write -> "write";
      case RegisterOp.Cas cas -> "cas";
    };
  }

  @Override
  public void inputToJson(RegisterOp input, ObjectNode line) {
    switch (input) {
      case RegisterOp.Read read -> { }
      case RegisterOp.Write write -> line.put("value", write.value());
      case RegisterOp.Cas cas -> {
        line.put("from", cas.expected());
        line.put("to", cas.replacement());
      }
    }
  }

  @Override
  public void outputToJson(RegisterOp input, Long output, ObjectNode line) {
    if (input instanceof RegisterOp.Read) {
      line.put("output", output);
    }
  }

  @Override
  public RegisterOp inputFromEdn(String function, Object value) {
    return switch (function) {
      case "read" -> new RegisterOp.Read();
      case "write" -> new RegisterOp.Write(EdnValues.nullableLong(value, "a written value"));
      case "cas" -> {
        if (!casAllowed) {
          throw unknown(":cas");
        }
        List<?> pair = EdnValues.pair(value, "a cas :value");
        yield new RegisterOp.Cas(EdnValues.nullableLong(pair.get(0), "a cas's old value"),
            EdnValues.nullableLong(pair.get(1), "a cas's new value"));
      }
      default -> throw unknown(":" + function);
    };
  }

  @Override
  public Long outputFromEdn(RegisterOp input, Object value) {
    return input instanceof RegisterOp.Read ? EdnValues.nullableLong(value, "a read value") : null;
  }

  @Override
  public String ednFunction(RegisterOp input) {
    return function(input);
  }

  @Override
  public Object ednInvokeValue(RegisterOp input) {
    return switch (input) {
      case RegisterOp.Read read -> null;
      case RegisterOp.Write write -> write.value();
      case RegisterOp.Cas cas -> Arrays.asList(cas.expected(), cas.replacement());
    };
  }

  @Override
  public Object ednOkValue(RegisterOp input, Long output) {
    return input instanceof RegisterOp.Read ? output : ednInvokeValue(input);
  }
}
