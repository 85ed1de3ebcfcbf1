package dev.omnisim.lincheck.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The key-value store's contents: an immutable value. A key holding {@code ""} is stored as missing,
 * since the two answer every operation alike; that keeps equal behaviour equal for memoisation.
 *
 * <p>Kept as two sorted arrays rather than a map because the checker makes one state per step and
 * a partition usually holds one key: copying two short arrays is much cheaper than a tree. Values
 * are ropes ({@link KvValue}) so that an append does not copy the value it extends.
 */
public final class KvState {

  /** An empty store. */
  public static final KvState EMPTY = new KvState(new String[0], new KvValue[0]);

  private final String[] keys;
  private final KvValue[] values;
  private int hash;

  private KvState(String[] keys, KvValue[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** A store holding {@code values}; empty values are dropped. */
  public static KvState of(Map<String, String> values) {
    KvState state = EMPTY;
    for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
      state = state.with(entry.getKey(), entry.getValue());
    }
    return state;
  }

  /** The value of {@code key}; {@code ""} when missing. */
  public String get(String key) {
    int at = Arrays.binarySearch(keys, key);
    return at >= 0 ? values[at].toString() : "";
  }

  /** True when {@code key} holds {@code value} (a missing key holds {@code ""}); cheaper than {@link #get}. */
  public boolean holds(String key, String value) {
    int at = Arrays.binarySearch(keys, key);
    return at >= 0 ? values[at].contentEquals(value) : value.isEmpty();
  }

  /** False only when the value of {@code key} is certainly not a prefix of {@code s} (hash-based). */
  boolean mayBePrefixOf(String key, String s) {
    int at = Arrays.binarySearch(keys, key);
    return at < 0 || values[at].mayBePrefixOf(s);
  }

  /** The length of the value of {@code key}. */
  int length(String key) {
    int at = Arrays.binarySearch(keys, key);
    return at >= 0 ? values[at].length() : 0;
  }

  /** This state with {@code key} set to {@code value}. */
  public KvState with(String key, String value) {
    return with(key, KvValue.of(value));
  }

  /** This state with {@code suffix} appended to the value of {@code key}. */
  public KvState withAppended(String key, String suffix) {
    int at = Arrays.binarySearch(keys, key);
    return with(key, at >= 0 ? values[at].append(suffix) : KvValue.of(suffix));
  }

  private KvState with(String key, KvValue value) {
    int at = Arrays.binarySearch(keys, key);
    if (at >= 0) {
      if (value.isEmpty()) {
        return without(at);
      }
      KvValue[] newValues = values.clone();
      newValues[at] = value;
      return new KvState(keys, newValues);
    }
    if (value.isEmpty()) {
      return this;
    }
    int insert = -at - 1;
    String[] newKeys = new String[keys.length + 1];
    KvValue[] newValues = new KvValue[keys.length + 1];
    System.arraycopy(keys, 0, newKeys, 0, insert);
    System.arraycopy(values, 0, newValues, 0, insert);
    newKeys[insert] = key;
    newValues[insert] = value;
    System.arraycopy(keys, insert, newKeys, insert + 1, keys.length - insert);
    System.arraycopy(values, insert, newValues, insert + 1, keys.length - insert);
    return new KvState(newKeys, newValues);
  }

  private KvState without(int at) {
    String[] newKeys = new String[keys.length - 1];
    KvValue[] newValues = new KvValue[keys.length - 1];
    System.arraycopy(keys, 0, newKeys, 0, at);
    System.arraycopy(values, 0, newValues, 0, at);
    System.arraycopy(keys, at + 1, newKeys, at, keys.length - at - 1);
    System.arraycopy(values, at + 1, newValues, at, keys.length - at - 1);
    return new KvState(newKeys, newValues);
  }

  /** The non-empty values by key, sorted. */
  public SortedMap<String, String> values() {
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i].toString());
    }
    return Collections.unmodifiableSortedMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvState other
        && hashCode() == other.hashCode()
        && Arrays.equals(keys, other.keys)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    // Cached: a state is hashed once per cache lookup, and appended values can be long.
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    for (int i = 0; i < keys.length; i++) {
      joiner.add(Quoting.quote(keys[i]) + ": " + Quoting.quote(values[i].toString()));
    }
    return joiner.toString();
  }
}
