package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's history format: one JSON object per line, one line per operation. Described in
 * {@code linearizability-checker/HISTORY-FORMAT.md}.
 */
public final class JsonLinesFormat {

  private static final Set<String> COMMON_FIELDS = Set.of("id", "client", "call", "return", "status", "f", "output", "callIndex", "returnIndex");

  private final ObjectMapper mapper = new ObjectMapper();

  /** A reader and writer of the format. */
  public JsonLinesFormat() {}

  /**
   * Reads a history. Lines with {@code "status": "fail"} are checked and then dropped; blank lines
   * are skipped.
   *
   * @param fileName the name used in error messages
   * @throws HistoryFormatException naming the first bad line and what is wrong with it
   */
  public <I, O> History<I, O> read(Reader reader, String fileName, OperationCodec<I, O> codec)
      throws HistoryFormatException {
    List<Operation<I, O>> operations = new ArrayList<>();
    Map<Integer, Integer> lineOfId = new HashMap<>();
    Map<Long, Integer> lineOfIndex = new HashMap<>();
    Boolean indexed = null;
    BufferedReader lines = new BufferedReader(reader);
    int lineNumber = 0;
    try {
      for (String text = lines.readLine(); text != null; text = lines.readLine()) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        try {
          Parsed<I, O> parsed = parseLine(text, codec);
          Integer firstLine = lineOfId.putIfAbsent(parsed.id, lineNumber);
          if (firstLine != null) {
            throw new IllegalArgumentException("duplicate id " + parsed.id + " (first used on line " + firstLine + ")");
          }
          if (indexed == null) {
            indexed = parsed.indexed;
          } else if (indexed != parsed.indexed) {
            throw new IllegalArgumentException(parsed.indexed
                ? "\"callIndex\" given here but not on earlier lines; give every line its event indices or none"
                : "no \"callIndex\" here while earlier lines have one; give every line its event indices or none");
          }
          for (long index : parsed.indices) {
            Integer first = lineOfIndex.putIfAbsent(index, lineNumber);
            if (first != null) {
              throw new IllegalArgumentException("event index " + index + " is used twice (first on line " + first + ")");
            }
          }
          if (parsed.operation != null) {
            operations.add(parsed.operation);
          }
        } catch (IllegalArgumentException e) {
          throw new HistoryFormatException(fileName, lineNumber, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new HistoryFormatException(fileName, lineNumber, "cannot read: " + e.getMessage());
    }
    try {
      return new History<>(operations);
    } catch (IllegalArgumentException e) {
      // Event indices that go against the times: name the line of the later event's operation.
      int line = lineOfId.getOrDefault(laterOperation(e.getMessage()), 0);
      throw new HistoryFormatException(fileName, line, e.getMessage());
    }
  }

  /** The id of the operation a {@link History} complaint names first, or -1. */
  private static int laterOperation(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("operations? (\\d+)").matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * One line: its id, its operation unless the call failed, whether it gave event indices and
   * which (a failed call's indices count too: they are taken).
   */
  private record Parsed<I, O>(int id, Operation<I, O> operation, boolean indexed, long[] indices) {}

  private <I, O> Parsed<I, O> parseLine(String text, OperationCodec<I, O> codec) {
    JsonNode line;
    try {
      line = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
    if (line == null || !line.isObject()) {
      throw new IllegalArgumentException("expected one JSON object per line");
    }
    for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!COMMON_FIELDS.contains(name) && !codec.jsonFields().contains(name)) {
        throw new IllegalArgumentException("unknown field \"" + name + "\"");
      }
    }
    long id = JsonValues.requiredLong(line, "id");
    if (id < 0 || id > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("id must be between 0 and " + Integer.MAX_VALUE + ", not " + id);
    }
    long client = JsonValues.requiredLong(line, "client");
    if (client < Integer.MIN_VALUE || client > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("client out of range: " + client);
    }
    long call = JsonValues.requiredLong(line, "call");
    Long ret = line.has("return") ? JsonValues.nullableLong(line.get("return"), "return") : null;
    String status = line.has("status") ? JsonValues.requiredString(line, "status") : (ret == null ? "info" : "ok");
    I input = codec.inputFromJson(JsonValues.requiredString(line, "f"), line);
    if (ret != null && ret < call) {
      throw new IllegalArgumentException("operation " + id + " returns at " + ret + ", before its call at " + call);
    }
    long callIndex = line.has("callIndex") ? JsonValues.requiredLong(line, "callIndex") : Operation.NO_INDEX;
    long returnIndex = line.has("returnIndex") ? JsonValues.requiredLong(line, "returnIndex") : Operation.NO_INDEX;
    boolean indexed = callIndex != Operation.NO_INDEX;
    if (line.has("callIndex") && callIndex < 0 || line.has("returnIndex") && returnIndex < 0) {
      throw new IllegalArgumentException("event indices are integers >= 0");
    }
    boolean returned = ret != null && !"info".equals(status);
    if (!indexed && line.has("returnIndex")) {
      throw new IllegalArgumentException("\"returnIndex\" without \"callIndex\"");
    }
    if (indexed && returned && returnIndex == Operation.NO_INDEX) {
      throw new IllegalArgumentException("\"callIndex\" without \"returnIndex\" on an operation that returned");
    }
    if (indexed && returned && returnIndex <= callIndex) {
      throw new IllegalArgumentException("operation " + id + " has returnIndex " + returnIndex
          + ", not after its callIndex " + callIndex);
    }
    if (!returned && line.has("returnIndex") && !"fail".equals(status)) {
      throw new IllegalArgumentException("an operation with unknown outcome has no \"returnIndex\"");
    }
    long[] indices = !indexed ? new long[0]
        : returnIndex == Operation.NO_INDEX ? new long[] {callIndex} : new long[] {callIndex, returnIndex};
    return switch (status) {
      case "ok" -> {
        if (ret == null) {
          throw new IllegalArgumentException("an \"ok\" operation needs a \"return\" time");
        }
        O output = codec.outputFromJson(input, line.path("output"));
        yield new Parsed<>((int) id, Operation.completed((int) id, (int) client, call, ret, input, output)
            .withIndices(callIndex, indexed ? returnIndex : Operation.NO_INDEX), indexed, indices);
      }
      case "info" -> {
        if (line.has("output") && !line.get("output").isNull()) {
          throw new IllegalArgumentException("an operation with unknown outcome has no \"output\"");
        }
        yield new Parsed<>((int) id, Operation.<I, O>pending((int) id, (int) client, call, input)
            .withIndices(callIndex, Operation.NO_INDEX), indexed, indices);
      }
      case "fail" -> new Parsed<>((int) id, null, indexed, indices);
      default -> throw new IllegalArgumentException(
          "unknown status \"" + status + "\" (expected ok, fail or info)");
    };
  }

  /** One operation as the object of its line: what {@link #read} reads back. */
  public <I, O> ObjectNode toJson(Operation<I, O> op, OperationCodec<I, O> codec) {
    ObjectNode line = mapper.createObjectNode();
    line.put("id", op.id());
    line.put("client", op.client());
    line.put("call", op.callTime());
    if (op.pending()) {
      line.put("status", "info");
    } else {
      line.put("return", op.returnTime().getAsLong());
    }
    if (op.indexed()) {
      line.put("callIndex", op.callIndex());
      if (!op.pending()) {
        line.put("returnIndex", op.returnIndex());
      }
    }
    line.put("f", codec.function(op.input()));
    codec.inputToJson(op.input(), line);
    if (!op.pending()) {
      codec.outputToJson(op.input(), op.output(), line);
    }
    return line;
  }

  /** Writes a history, one line per operation, in call order. */
  public <I, O> void write(History<I, O> history, OperationCodec<I, O> codec, Writer writer) {
    List<Operation<I, O>> ops = new ArrayList<>(history.operations());
    ops.sort(Comparator.comparingLong((Operation<I, O> op) -> op.callTime()).thenComparingInt(Operation::id));
    try {
      for (Operation<I, O> op : ops) {
        writer.write(mapper.writeValueAsString(toJson(op, codec)));
        writer.write('\n');
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
