package dev.omnisim.lincheck.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.RegisterOp;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryFormatTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(HistoryFormatTest.class.getResource("/histories/" + name).toURI());
  }

  @SuppressWarnings("unchecked")
  private static <S, I, O> ModelSpec<S, I, O> spec(String name) {
    return (ModelSpec<S, I, O>) ModelSpec.named(name).orElseThrow();
  }

  private static <S, I, O> Verdict verdictOf(ModelSpec<S, I, O> spec, History<I, O> history) {
    return new Checker().check(spec.model(), history).verdict();
  }

  @Test
  void readsJsonLinesDroppingFailedCallsAndKeepingPendingOnes() throws Exception {
    ModelSpec<?, KvOp, String> kv = spec("kv");
    History<KvOp, String> history = HistoryFormat.JSONL.read(resource("kv-lost-append.jsonl"), kv.codec());
    assertEquals(List.of(0, 1, 2, 4, 5, 6), history.operations().stream().map(Operation::id).toList());
    assertTrue(history.operations().get(3).pending());
    assertEquals(new KvOp.Append("x", "d"), history.operations().get(3).input());
    assertEquals(Verdict.ILLEGAL, verdictOf(kv, history), "append a was lost");
  }

  @Test
  void readsJepsenEdnLikeKnossos() throws Exception {
    ModelSpec<?, RegisterOp, Long> cas = spec("cas-register");
    History<RegisterOp, Long> bad = HistoryFormat.EDN.read(resource("knossos-cas-bad.edn"), cas.codec());
    assertEquals(3, bad.size(), "the failed cas and the nemesis event are dropped");
    assertEquals(Verdict.ILLEGAL, verdictOf(cas, bad));
    History<RegisterOp, Long> ok = HistoryFormat.EDN.read(resource("knossos-cas-ok.edn"), cas.codec());
    assertEquals(5, ok.size());
    assertEquals(1, ok.operations().stream().filter(Operation::pending).count());
    assertEquals(Verdict.OK, verdictOf(cas, ok));
  }

  @ParameterizedTest
  @CsvSource({"jsonl", "edn"})
  void roundTripsEveryModel(String formatName) throws Exception {
    HistoryFormat format = HistoryFormat.named(formatName).orElseThrow();
    assertRoundTrip(format, spec("kv"), new History<KvOp, String>(List.of(
        Operation.completed(0, 0, 0, 10, new KvOp.Put("k", "a\"b"), null),
        Operation.completed(1, 1, 5, 15, new KvOp.Append("k", "c"), null),
        Operation.pending(2, 1, 16, new KvOp.Append("k", "d")),
        Operation.completed(3, 1, 17, 20, new KvOp.Get("k"), "a\"bc"))));
    // Program order: client 0 puts, reads in a zero-length call at the instant the put returned, then
    // appends at that same instant; client 1 overlaps them all and must stay concurrent with them.
    assertRoundTrip(format, spec("kv"), new History<KvOp, String>(List.of(
        Operation.completed(0, 0, 0, 10, new KvOp.Put("k", "a"), null),
        Operation.completed(1, 1, 5, 12, new KvOp.Get("k"), ""),
        Operation.completed(2, 0, 10, 10, new KvOp.Get("k"), "a"),
        Operation.completed(3, 0, 10, 20, new KvOp.Append("k", "b"), null),
        Operation.completed(4, 1, 12, 30, new KvOp.Get("k"), "ab"))));
    assertRoundTrip(format, spec("cas-register"), new History<RegisterOp, Long>(List.of(
        Operation.completed(0, 0, 0, 10, new RegisterOp.Write(1L), null),
        Operation.completed(1, 1, 10, 15, new RegisterOp.Cas(1L, 2L), null),
        Operation.pending(2, 2, 12, new RegisterOp.Write(null)),
        Operation.completed(3, 0, 20, 30, new RegisterOp.Read(), null))));
    // As the simulator's recorder numbers events: at 10, client 1's call came before client 0's
    // answer (concurrent), then client 0's next call; client 2's zero-length read follows all of them.
    dev.omnisim.lincheck.HistoryRecorder<KvOp, String> recorder = History.recorder();
    int put = recorder.invoke(0, 0, new KvOp.Put("k", "a"));
    int read = recorder.invoke(1, 10, new KvOp.Get("k"));
    recorder.ok(put, 10, null);
    int append = recorder.invoke(0, 10, new KvOp.Append("k", "b"));
    int zero = recorder.invoke(2, 10, new KvOp.Get("k"));
    recorder.ok(zero, 10, "a");
    recorder.ok(read, 15, "");
    recorder.ok(append, 20, null);
    recorder.invoke(1, 20, new KvOp.Append("k", "c"));
    History<KvOp, String> recorded = recorder.history();
    assertTrue(recorded.operations().stream().allMatch(Operation::indexed));
    assertRoundTrip(format, spec("kv"), recorded);
    assertRoundTrip(format, spec("set"), new History<dev.omnisim.lincheck.model.SetOp, Set<Long>>(List.of(
        Operation.completed(0, 0, 0, 10, new dev.omnisim.lincheck.model.SetOp.Add(3), null),
        Operation.completed(1, 1, 11, 15, new dev.omnisim.lincheck.model.SetOp.Read(), Set.of(3L)))));
  }

  /** Same operations in the same real-time relation, hence the same verdict, after writing and reading. */
  private static <S, I, O> void assertRoundTrip(HistoryFormat format, ModelSpec<S, I, O> spec, History<I, O> history)
      throws HistoryFormatException {
    StringWriter out = new StringWriter();
    format.write(history, spec.codec(), out);
    History<I, O> back = format.read(new StringReader(out.toString()), "round-trip", spec.codec());
    assertEquals(history.size(), back.size(), out::toString);
    for (int i = 0; i < history.size(); i++) {
      Operation<I, O> a = history.operations().get(i);
      Operation<I, O> b = back.operations().get(i);
      assertEquals(a.input(), b.input(), out::toString);
      assertEquals(a.output(), b.output(), out::toString);
      assertEquals(a.pending(), b.pending(), out::toString);
      for (int j = 0; j < history.size(); j++) {
        assertEquals(a.precedes(history.operations().get(j)), b.precedes(back.operations().get(j)), out::toString);
      }
    }
    if (format == HistoryFormat.JSONL) {
      assertEquals(history, back);
    }
    assertEquals(verdictOf(spec, history), verdictOf(spec, back));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed JSON                 | {"id": 0, "client": 0,                                                       | h.jsonl:2: malformed JSON
      unknown operation              | {"id": 1, "client": 0, "call": 1, "return": 2, "f": "delete", "key": "x"}   | h.jsonl:2: unknown operation "delete" for model kv
      return before call             | {"id": 1, "client": 0, "call": 9, "return": 2, "f": "get", "key": "x", "output": ""} | h.jsonl:2: operation 1 returns at 2, before its call at 9
      duplicate id                   | {"id": 0, "client": 1, "call": 1, "return": 2, "f": "get", "key": "x", "output": ""} | h.jsonl:2: duplicate id 0 (first used on line 1)
      missing key                    | {"id": 1, "client": 0, "call": 1, "return": 2, "f": "get", "output": ""}    | h.jsonl:2: missing field "key"
      unknown field                  | {"id": 1, "client": 0, "call": 1, "return": 2, "f": "get", "key": "x", "outptu": ""} | h.jsonl:2: unknown field "outptu"
      get without output             | {"id": 1, "client": 0, "call": 1, "return": 2, "f": "get", "key": "x"}      | h.jsonl:2: a completed get needs an "output" string
      bad status                     | {"id": 1, "client": 0, "call": 1, "return": 2, "status": "done", "f": "get", "key": "x", "output": ""} | h.jsonl:2: unknown status "done"
      """)
  void jsonLinesErrorsNameFileLineAndProblem(String what, String badLine, String expected) {
    String text = "{\"id\": 0, \"client\": 0, \"call\": 0, \"return\": 1, \"f\": \"put\", \"key\": \"x\", \"value\": \"a\"}\n"
        + badLine + "\n";
    HistoryFormatException e = assertThrows(HistoryFormatException.class,
        () -> HistoryFormat.JSONL.read(new StringReader(text), "h.jsonl", spec("kv").codec()));
    assertTrue(e.getMessage().startsWith(expected), what + ": " + e.getMessage());
    assertEquals(2, e.line());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      indices on some lines only  | {"id": 1, "client": 0, "call": 1, "return": 2, "f": "get", "key": "x", "output": ""} | h.jsonl:2: no "callIndex" here while earlier lines have one
      index used twice            | {"id": 1, "client": 1, "call": 1, "return": 2, "f": "get", "key": "x", "output": "", "callIndex": 1, "returnIndex": 2} | h.jsonl:2: event index 1 is used twice (first on line 1)
      return index before call    | {"id": 1, "client": 1, "call": 1, "return": 2, "f": "get", "key": "x", "output": "", "callIndex": 5, "returnIndex": 4} | h.jsonl:2: operation 1 has returnIndex 4, not after its callIndex 5
      completed without return index | {"id": 1, "client": 1, "call": 1, "return": 2, "f": "get", "key": "x", "output": "", "callIndex": 5} | h.jsonl:2: "callIndex" without "returnIndex"
      indices against time        | {"id": 1, "client": 1, "call": 0, "return": 2, "f": "get", "key": "x", "output": "", "callIndex": 2, "returnIndex": 3} | h.jsonl:2: operation 1 has an event at index 2 and time 0
      """)
  void jsonLinesEventIndexErrorsNameTheLine(String what, String badLine, String expected) {
    String text = "{\"id\": 0, \"client\": 0, \"call\": 0, \"return\": 1, \"f\": \"put\", \"key\": \"x\", \"value\": \"a\", "
        + "\"callIndex\": 0, \"returnIndex\": 1}\n" + badLine + "\n";
    HistoryFormatException e = assertThrows(HistoryFormatException.class,
        () -> HistoryFormat.JSONL.read(new StringReader(text), "h.jsonl", spec("kv").codec()));
    assertTrue(e.getMessage().startsWith(expected), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      syntax                 | {:type :invoke :process 0 :f :read :value nil                 | h.edn:2: EDN syntax: missing '}'
      unknown type           | {:type :done :process 0 :f :read :value nil}                   | h.edn:2: unknown :type :done
      completion without call| {:type :ok :process 5 :f :read :value 1}                       | h.edn:2: :ok for process 5, which has no call open
      unknown function       | {:type :invoke :process 1 :f :cas :value [1 2]}                | h.edn:2: unknown operation :cas for model register
      invoke twice           | {:type :invoke :process 0 :f :read :value nil}                 | h.edn:2: process 0 invokes again before its call on line 1 completed
      """)
  void ednErrorsNameFileLineAndProblem(String what, String badLine, String expected) {
    String text = "{:type :invoke :process 0 :f :write :value 1}\n" + badLine + "\n";
    HistoryFormatException e = assertThrows(HistoryFormatException.class,
        () -> HistoryFormat.EDN.read(new StringReader(text), "h.edn", spec("register").codec()));
    assertTrue(e.getMessage().startsWith(expected), what + ": " + e.getMessage());
  }

  @Test
  void readsPorcupinesKeyValueFormat() throws Exception {
    String text = """
        {:process 0, :type :invoke, :f :append, :key "4", :value "x 0 0 y"}
        {:process 1, :type :invoke, :f :get, :key "4", :value nil}
        {:process 0, :type :ok, :f :append, :key "4", :value "x 0 0 y"}
        {:process 1, :type :ok, :f :get, :key "4", :value "x 0 0 y"}
        {:process 1, :type :invoke, :f :put, :key "5", :value "x 1 1 y"}
        {:process 1, :type :ok, :f :put, :key "5", :value "x 1 1 y"}
        {:process 0, :type :invoke, :f :get, :key "5", :value nil}
        {:process 0, :type :ok, :f :get, :key "5", :value "x 1 1 y"}
        """;
    assertEquals(HistoryFormat.PORCUPINE, HistoryFormat.recognise(Path.of("c01-ok.txt"), text));
    ModelSpec<?, KvOp, String> kv = spec("kv");
    History<KvOp, String> history = HistoryFormat.PORCUPINE.read(new StringReader(text), "c01-ok.txt", kv.codec());
    assertEquals(List.of(new KvOp.Append("4", "x 0 0 y"), new KvOp.Get("4"), new KvOp.Put("5", "x 1 1 y"),
        new KvOp.Get("5")), history.operations().stream().map(Operation::input).toList());
    assertEquals("x 0 0 y", history.operations().get(1).output());
    assertEquals(Verdict.OK, verdictOf(spec("kv"), history));
  }

  @Test
  void recognisesFormatsByContent() {
    assertEquals(HistoryFormat.JSONL, HistoryFormat.recognise(Path.of("h.txt"), "{\"id\": 0}"));
    assertEquals(HistoryFormat.EDN, HistoryFormat.recognise(Path.of("h.txt"), "\n{:process 0, :type :invoke}"));
    assertEquals(HistoryFormat.EDN, HistoryFormat.recognise(Path.of("h.log"), "[{:process 0 :type :invoke}]"));
    assertEquals(HistoryFormat.EDN, HistoryFormat.recognise(Path.of("h.edn"), ""));
    assertEquals(HistoryFormat.PORCUPINE, HistoryFormat.recognise(Path.of("h.edn"), "{:process 0 :key 1}"));
  }

  @Test
  void readsJepsenHistoryEdnWithIndexAndTime() throws Exception {
    // Jepsen's history.edn: every event has its own :index and a :time in nanoseconds; the nemesis
    // interleaves; an operation is named by its invocation's :index.
    String text = """
        {:index 0, :time 1000, :type :invoke, :process 0, :f :write, :value 3}
        {:index 1, :time 1500, :type :info, :process :nemesis, :f :start, :value nil}
        #jepsen.history.Op{:index 2, :time 2000, :type :invoke, :process 1, :f :read, :value nil}
        {:index 3, :time 2500, :type :ok, :process 0, :f :write, :value 3}
        {:index 4, :time 3000, :type :ok, :process 1, :f :read, :value 3}
        {:index 5, :time 3000, :type :invoke, :process 0, :f :read, :value nil}
        {:index 6, :time 3100, :type :ok, :process 0, :f :read, :value 3}
        """;
    ModelSpec<?, RegisterOp, Long> cas = spec("cas-register");
    History<RegisterOp, Long> history = HistoryFormat.EDN.read(new StringReader(text), "history.edn", cas.codec());
    assertEquals(List.of(0, 2, 5), history.operations().stream().map(Operation::id).toList());
    assertTrue(history.operations().get(0).precedes(history.operations().get(2)), "write returned before read 5");
    assertEquals(Verdict.OK, verdictOf(spec("cas-register"), history));
  }

  @Test
  void porcupineFormatRoundTrips() throws Exception {
    assertRoundTrip(HistoryFormat.PORCUPINE, spec("kv"), new History<KvOp, String>(List.of(
        Operation.completed(0, 0, 0, 10, new KvOp.Put("k", "a"), null),
        Operation.completed(1, 1, 5, 12, new KvOp.Get("k"), ""),
        Operation.completed(2, 0, 10, 20, new KvOp.Append("k", "b"), null),
        Operation.pending(3, 1, 13, new KvOp.Append("j", "c")),
        Operation.completed(4, 2, 25, 30, new KvOp.Get("k"), "ab"))));
  }

  @Test
  void missingFileIsOneMessage() {
    HistoryFormatException e = assertThrows(HistoryFormatException.class,
        () -> HistoryFormat.JSONL.read(Path.of("no-such-history.jsonl"), spec("kv").codec()));
    assertEquals("no-such-history.jsonl: no such file", e.getMessage());
  }

  @Test
  void ednReaderHandlesTheJepsenSubset() throws Exception {
    EdnReader reader = new EdnReader(
        "; comment\n{:a [1 -2 3.5 \"s\\\"q\" nil true] :b #{:x} #_ :skipped :c (7) :d #inst \"2020\" :e 123456789012345678901234N}");
    Object form = reader.next();
    assertEquals(
        "{:a [1 -2 3.5 \"s\\\"q\" nil true], :b #{:x}, :c [7], :d \"2020\", :e 123456789012345678901234}",
        EdnWriter.print(form));
    assertEquals(2, reader.lineOf(form));
    assertEquals(EdnReader.END, reader.next());
  }
}
