package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.lincheck.model.KvOp;
import java.util.List;
import java.util.Set;

/**
 * Key-value operations in files. JSON: {@code "f": "put"|"append"|"get"}, {@code "key"}, {@code
 * "value"} (put and append), {@code "output"} (a completed get). EDN: Jepsen's independent-key
 * tuples, {@code :value [key value]}, with {@code :f} {@code :write}/{@code :put}, {@code :append},
 * {@code :read}/{@code :get}; a read of {@code nil} is a read of the empty string.
 */
final class KvCodec implements OperationCodec<KvOp, String> {

  @Override
  public Set<String> jsonFields() {
    return Set.of("key", "value");
  }

  @Override
  public KvOp inputFromJson(String function, JsonNode line) {
    String key = JsonValues.requiredString(line, "key");
    return switch (function) {
      case "put" -> new KvOp.Put(key, JsonValues.requiredString(line, "value"));
      case "append" -> new KvOp.Append(key, JsonValues.requiredString(line, "value"));
      case "get" -> {
        if (line.has("value")) {
          throw new IllegalArgumentException("a get has no \"value\"; its result goes in \"output\"");
        }
        yield new KvOp.Get(key);
      }
      default -> throw new IllegalArgumentException(
          "unknown operation \"" + function + "\" for model kv (expected put, append or get)");
    };
  }

  @Override
  public String outputFromJson(KvOp input, JsonNode output) {
    if (!(input instanceof KvOp.Get)) {
      if (!output.isMissingNode() && !output.isNull()) {
        throw new IllegalArgumentException("a " + function(input) + " has no \"output\"");
      }
      return null;
    }
    if (output.isMissingNode() || output.isNull()) {
      throw new IllegalArgumentException("a completed get needs an \"output\" string");
    }
    if (!output.isTextual()) {
      throw new IllegalArgumentException("field \"output\" must be a string, not " + output);
    }
    return output.textValue();
  }

  @Override
  public String function(KvOp input) {
    return switch (input) {
      case KvOp.Put put -> "put";
      case KvOp.Append append -> "append";
      case KvOp.Get get -> "get";
    };
  }

  @Override
  public void inputToJson(KvOp input, ObjectNode line) {
    line.put("key", input.key());
    switch (input) {
      case KvOp.Put put -> line.put("value", put.value());
      case KvOp.Append append -> line.put("value", append.value());
      case KvOp.Get get -> { }
    }
  }

  @Override
  public void outputToJson(KvOp input, String output, ObjectNode line) {
    if (input instanceof KvOp.Get) {
      line.put("output", output);
    }
  }

  @Override
  public KvOp inputFromEdn(String function, Object value) {
    List<?> tuple = EdnValues.pair(value, "a kv :value");
    String key = EdnValues.text(tuple.get(0), "a key");
    return switch (function) {
      case "write", "put" -> new KvOp.Put(key, EdnValues.text(tuple.get(1), "a written value"));
      case "append" -> new KvOp.Append(key, EdnValues.text(tuple.get(1), "an appended value"));
      case "read", "get" -> new KvOp.Get(key);
      default -> throw new IllegalArgumentException(
          "unknown operation :" + function + " for model kv (expected :write, :put, :append, :read or :get)");
    };
  }

  @Override
  public String outputFromEdn(KvOp input, Object value) {
    if (!(input instanceof KvOp.Get)) {
      return null;
    }
    Object read = EdnValues.pair(value, "a kv read's :value").get(1);
    return read == null ? "" : EdnValues.text(read, "a read value");
  }

  @Override
  public String ednFunction(KvOp input) {
    return switch (input) {
      case KvOp.Put put -> "write";
      case KvOp.Append append -> "append";
      case KvOp.Get get -> "read";
    };
  }

  @Override
  public Object ednInvokeValue(KvOp input) {
    return switch (input) {
      case KvOp.Put put -> List.of(put.key(), put.value());
      case KvOp.Append append -> List.of(append.key(), append.value());
      case KvOp.Get get -> java.util.Arrays.asList(get.key(), null);
    };
  }

  @Override
  public Object ednOkValue(KvOp input, String output) {
    if (input instanceof KvOp.Get get) {
      // A missing key reads as "" here and as nil in Knossos, whose registers start at nil.
      return output.isEmpty() ? java.util.Arrays.asList(get.key(), null) : List.of(get.key(), output);
    }
    return ednInvokeValue(input);
  }
}
