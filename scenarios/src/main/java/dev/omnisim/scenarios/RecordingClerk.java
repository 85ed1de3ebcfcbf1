package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.lincheck.HistoryRecorder;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.sim.Simulation;
import java.util.function.Consumer;

/**
 * Wraps a Clerk so the harness, not the Clerk, records each operation's call and return in the
 * history: a submission's Clerk is judged, not trusted to report on itself. An answer that comes
 * twice, or while no operation is open, fails the scenario.
 */
final class RecordingClerk implements KvClerk {
  private final KvClerk inner;
  private final Simulation sim;
  private final HistoryRecorder<KvOp, String> history;
  private final int node;
  private int open = -1;
  /** Virtual time at which the open operation was called; meaningless while none is open. */
  private long openSinceMicros;

  RecordingClerk(KvClerk inner, Simulation sim, HistoryRecorder<KvOp, String> history, int node) {
    this.inner = inner;
    this.sim = sim;
    this.history = history;
    this.node = node;
  }

  @Override
  public void put(String key, String value, Runnable done) {
    KvOp op = new KvOp.Put(key, value);
    begin(op);
    inner.put(key, value, () -> end(op, "", v -> done.run()));
  }

  @Override
  public void append(String key, String arg, Runnable done) {
    KvOp op = new KvOp.Append(key, arg);
    begin(op);
    inner.append(key, arg, () -> end(op, "", v -> done.run()));
  }

  @Override
  public void get(String key, Consumer<String> done) {
    KvOp op = new KvOp.Get(key);
    begin(op);
    inner.get(key, v -> end(op, v, done));
  }

  @Override
  public boolean busy() {
    return open >= 0;
  }

  @Override
  public long clientId() {
    return inner.clientId();
  }

  private void begin(KvOp op) {
    if (open >= 0) {
      throw new IllegalStateException("clerk " + clientId() + " was asked for " + op
          + " while its previous operation is outstanding; a Clerk does one operation at a time");
    }
    open = history.invoke((int) clientId(), sim.now(), op);
    openSinceMicros = sim.now();
  }

  /** When the operation still open was called, or -1 when none is open. */
  long openSinceMicros() {
    return open >= 0 ? openSinceMicros : -1;
  }

  /** The client node this Clerk lives on. */
  int node() {
    return node;
  }

  private void end(KvOp op, String result, Consumer<String> done) {
    if (open < 0) {
      throw new ScenarioFailure("clerk " + clientId() + " answered " + op + " when no operation was open"
          + " (an answer came twice)");
    }
    if (result == null) {
      throw new ScenarioFailure("clerk " + clientId() + " answered " + op + " with null");
    }
    history.ok(open, sim.now(), result);
    open = -1;
    sim.recordClientOperation(node, "clerk " + clientId() + " " + op + " -> " + result);
    done.accept(result);
  }
}
