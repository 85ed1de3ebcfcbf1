package dev.omnisim.lincheck.format;

import dev.omnisim.lincheck.EventOrder;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen histories in EDN, as Knossos reads them: a sequence of event maps ({@code :process},
 * {@code :type} one of {@code :invoke :ok :fail :info}, {@code :f}, {@code :value}), either one per
 * line (Jepsen's {@code history.edn}) or inside one vector.
 *
 * <p>Reading pairs each invocation with the next completion of the same process. {@code :fail}
 * calls are dropped, {@code :info} and never-completed calls become pending. Events whose {@code
 * :process} is not an integer (the nemesis) are skipped. Times are event positions (0, 1, 2, ...),
 * exactly the order Knossos uses; an operation's id is its invocation's {@code :index} when present.
 *
 * <p>Writing emits an invocation at each call time and a completion at each return, then {@code
 * :info} completions for pending operations at the end. At equal times invocations come first, so
 * touching operations of different clients stay concurrent, except the invocation of an operation
 * that must follow the same client's operation returning at that instant (program order, {@link
 * Operation#precedes}): it comes after that completion. Each operation's process is its client,
 * unless that client still has an operation open that does not precede it (a pending one, or
 * overlapping calls), in which case it gets a fresh process number, as Jepsen does after a crash.
 */
public final class JepsenEdnFormat {

  private static final Keyword INVOKE = new Keyword("invoke");
  private static final Keyword OK = new Keyword("ok");
  private static final Keyword FAIL = new Keyword("fail");
  private static final Keyword INFO = new Keyword("info");

  private static final Keyword KEY = new Keyword("key");

  /** True for porcupine's key-value format: the key in {@code :key}, not in a {@code [key value]} tuple. */
  private final boolean keyField;

  /** A reader and writer of Jepsen EDN histories. */
  public JepsenEdnFormat() {
    this(false);
  }

  /**
   * A reader and writer of Jepsen EDN histories, or, when {@code keyField} is true, of porcupine's
   * key-value histories, whose events carry the key in {@code :key} and the value alone in {@code
   * :value}; they are read as Jepsen's independent-key tuples {@code [key value]}.
   */
  public JepsenEdnFormat(boolean keyField) {
    this.keyField = keyField;
  }

  private record OpenCall(int id, long callTime, String function, Object value, int line) {}

  /**
   * Reads a history from EDN text.
   *
   * @param fileName the name used in error messages
   * @throws HistoryFormatException naming the line of the first bad event and what is wrong
   */
  public <I, O> History<I, O> read(String text, String fileName, OperationCodec<I, O> codec)
      throws HistoryFormatException {
    EdnReader reader = new EdnReader(text);
    List<Object> events = new ArrayList<>();
    try {
      for (Object form = reader.next(); form != EdnReader.END; form = reader.next()) {
        if (form instanceof List<?> list && events.isEmpty()) {
          events.addAll(list);
        } else {
          events.add(form);
        }
      }
    } catch (EdnReader.SyntaxError e) {
      throw new HistoryFormatException(fileName, e.line, "EDN syntax: " + e.getMessage());
    }
    Map<Long, OpenCall> open = new LinkedHashMap<>();
    Map<Integer, Integer> lineOfId = new HashMap<>();
    List<Operation<I, O>> operations = new ArrayList<>();
    for (int position = 0; position < events.size(); position++) {
      Object event = events.get(position);
      int line = reader.lineOf(event);
      try {
        if (!(event instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException("expected an event map, not " + EdnWriter.print(event));
        }
        Object process = map.get(new Keyword("process"));
        if (!(process instanceof Long client)) {
          continue;
        }
        Object type = map.get(new Keyword("type"));
        String function = functionOf(map.get(new Keyword("f")));
        Object value = map.get(new Keyword("value"));
        if (keyField) {
          if (!map.containsKey(KEY) || map.get(KEY) == null) {
            throw new IllegalArgumentException(
                "event has no :key (porcupine's key-value format names the key in :key)");
          }
          value = Arrays.asList(map.get(KEY), value);
        }
        if (INVOKE.equals(type)) {
          if (open.containsKey(client)) {
            throw new IllegalArgumentException("process " + client + " invokes again before its call on line "
                + open.get(client).line() + " completed");
          }
          int id = map.get(new Keyword("index")) instanceof Long index ? Math.toIntExact(index) : position;
          Integer firstLine = lineOfId.putIfAbsent(id, line);
          if (firstLine != null) {
            throw new IllegalArgumentException("duplicate :index " + id + " (first used on line " + firstLine + ")");
          }
          codec.inputFromEdn(function, value);
          open.put(client, new OpenCall(id, position, function, value, line));
        } else if (OK.equals(type) || FAIL.equals(type) || INFO.equals(type)) {
          OpenCall call = open.remove(client);
          if (call == null) {
            throw new IllegalArgumentException(type + " for process " + client + ", which has no call open");
          }
          if (!call.function().equals(function)) {
            throw new IllegalArgumentException(type + " of :" + function + " completes the :" + call.function()
                + " invoked on line " + call.line());
          }
          I input = codec.inputFromEdn(call.function(), call.value());
          if (OK.equals(type)) {
            operations.add(Operation.completed(call.id(), Math.toIntExact(client), call.callTime(), position,
                input, codec.outputFromEdn(input, value)));
          } else if (INFO.equals(type)) {
            operations.add(Operation.pending(call.id(), Math.toIntExact(client), call.callTime(), input));
          }
        } else {
          throw new IllegalArgumentException("unknown :type " + EdnWriter.print(type)
              + " (expected :invoke, :ok, :fail or :info)");
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new HistoryFormatException(fileName, line, e.getMessage());
      }
    }
    for (Map.Entry<Long, OpenCall> entry : open.entrySet()) {
      OpenCall call = entry.getValue();
      operations.add(Operation.pending(call.id(), Math.toIntExact(entry.getKey()), call.callTime(),
          codec.inputFromEdn(call.function(), call.value())));
    }
    operations.sort(Comparator.comparingLong((Operation<I, O> op) -> op.callTime()));
    return new History<>(operations);
  }

  private static String functionOf(Object f) {
    return switch (f) {
      case Keyword keyword -> keyword.name();
      case String s -> s;
      case null -> throw new IllegalArgumentException("event has no :f");
      default -> throw new IllegalArgumentException(":f must be a keyword, not " + EdnWriter.print(f));
    };
  }

  /** One event to write, with its place in the history's order of events. */
  private record Event(long rank, long id, Map<Keyword, Object> fields) {}

  /**
   * Writes a history as Jepsen events, one map per line, in the history's order of events ({@link
   * EventOrder}), so that reading it back orders every pair of operations as the history did.
   */
  public <I, O> void write(History<I, O> history, OperationCodec<I, O> codec, Writer writer) {
    List<Operation<I, O>> ops = new ArrayList<>(history.operations());
    ops.sort(Comparator.comparingLong((Operation<I, O> op) -> op.callTime()).thenComparingInt(Operation::id));
    EventOrder order = EventOrder.of(ops);
    List<Operation<I, O>> byCall = new ArrayList<>(ops);
    List<Integer> callOrder = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      callOrder.add(i);
    }
    callOrder.sort(Comparator.comparingLong(order::callRank));
    long endTime = ops.stream().mapToLong(op -> op.returnTime().orElse(op.callTime())).max().orElse(0);
    long freshProcess = ops.stream().mapToLong(Operation::client).max().orElse(-1) + 1;
    Map<Integer, Long> processOfClient = new HashMap<>();
    Map<Long, Operation<I, O>> lastOfProcess = new HashMap<>();
    List<Event> events = new ArrayList<>();
    for (int i : callOrder) {
      Operation<I, O> op = byCall.get(i);
      long process = processOfClient.getOrDefault(op.client(), (long) op.client());
      Operation<I, O> last = lastOfProcess.get(process);
      if (last != null && !last.precedes(op)) {
        process = freshProcess++;
        processOfClient.put(op.client(), process);
      }
      lastOfProcess.put(process, op);
      events.add(new Event(order.callRank(i), op.id(),
          fields(INVOKE, codec.ednFunction(op.input()), codec.ednInvokeValue(op.input()), process, op.callTime())));
      long completionTime = op.pending() ? endTime : op.returnTime().getAsLong();
      Object value = op.pending() ? codec.ednInvokeValue(op.input()) : codec.ednOkValue(op.input(), op.output());
      events.add(new Event(order.returnRank(i), op.id(),
          fields(op.pending() ? INFO : OK, codec.ednFunction(op.input()), value, process, completionTime)));
    }
    events.sort(Comparator.comparingLong(Event::rank).thenComparingLong(Event::id));
    try {
      int index = 0;
      for (Event event : events) {
        Map<Keyword, Object> fields = new LinkedHashMap<>();
        fields.put(new Keyword("index"), (long) index++);
        fields.putAll(event.fields());
        if (keyField) {
          Object tuple = fields.get(new Keyword("value"));
          if (!(tuple instanceof List<?> pair && pair.size() == 2)) {
            throw new IllegalArgumentException("porcupine's format holds key-value histories only");
          }
          fields.put(new Keyword("value"), pair.get(1));
          fields.put(KEY, pair.get(0));
        }
        writer.write(EdnWriter.print(fields));
        writer.write('\n');
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<Keyword, Object> fields(Keyword type, String function, Object value, long process, long time) {
    Map<Keyword, Object> fields = new LinkedHashMap<>();
    fields.put(new Keyword("type"), type);
    fields.put(new Keyword("f"), new Keyword(function));
    fields.put(new Keyword("value"), value);
    fields.put(new Keyword("process"), process);
    fields.put(new Keyword("time"), time);
    return fields;
  }
}
