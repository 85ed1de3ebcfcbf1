package dev.omnisim.lincheck.model;

import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key-value store of the lab: put, append and get on string keys and values. A get of a missing
 * key returns {@code ""}; an append to a missing key acts like a put. Outputs are the value a get
 * returned; puts and appends have none ({@code null}). Keys are independent, so the history is
 * partitioned by key, in key order.
 */
public final class KvModel implements Model<KvState, KvOp, String> {

  /** The model; it has no configuration. */
  public KvModel() {}

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public KvState initialState() {
    return KvState.EMPTY;
  }

  @Override
  public KvState step(KvState state, KvOp input, String output) {
    return switch (input) {
      case KvOp.Get get -> output != null && state.holds(get.key(), output) ? state : null;
      case KvOp.Put put -> state.with(put.key(), put.value());
      case KvOp.Append append -> state.withAppended(append.key(), append.value());
    };
  }

  @Override
  public KvState stepPending(KvState state, KvOp input) {
    return switch (input) {
      case KvOp.Get get -> state;
      case KvOp.Put put -> state.with(put.key(), put.value());
      case KvOp.Append append -> state.withAppended(append.key(), append.value());
    };
  }

  @Override
  public List<Partition<KvOp, String>> partition(List<Operation<KvOp, String>> operations) {
    Map<String, List<Operation<KvOp, String>>> byKey = new TreeMap<>();
    for (Operation<KvOp, String> operation : operations) {
      byKey.computeIfAbsent(operation.input().key(), key -> new ArrayList<>()).add(operation);
    }
    List<Partition<KvOp, String>> partitions = new ArrayList<>();
    byKey.forEach((key, ops) -> partitions.add(new Partition<>("key " + Quoting.quote(key), ops)));
    return partitions;
  }

  /**
   * A get can become legal only through a put on its key, or through appends to its key when the
   * value it read extends the current one.
   */
  @Override
  public boolean canBecomeLegal(KvState state, KvOp input, String output, List<KvOp> mayComeFirst) {
    String key = input.key();
    int appendedChars = 0;
    for (KvOp other : mayComeFirst) {
      if (other instanceof KvOp.Put put && put.key().equals(key)) {
        return true;
      }
      if (other instanceof KvOp.Append append && append.key().equals(key)) {
        appendedChars += append.value().length();
      }
    }
    return output.length() - state.length(key) <= appendedChars && state.mayBePrefixOf(key, output);
  }

  /** Reads change nothing. */
  @Override
  public boolean readOnly(KvOp input) {
    return input instanceof KvOp.Get;
  }

  @Override
  public String describeOperation(Operation<KvOp, String> operation) {
    String call = switch (operation.input()) {
      case KvOp.Get get -> "get(" + Quoting.quote(get.key()) + ")";
      case KvOp.Put put -> "put(" + Quoting.quote(put.key()) + ", " + Quoting.quote(put.value()) + ")";
      case KvOp.Append append ->
          "append(" + Quoting.quote(append.key()) + ", " + Quoting.quote(append.value()) + ")";
    };
    if (operation.pending()) {
      return call + " → ? (outcome unknown)";
    }
    return operation.input() instanceof KvOp.Get ? call + " → " + Quoting.quote(operation.output()) : call;
  }

  @Override
  public String describeState(KvState state) {
    return state.toString();
  }
}
