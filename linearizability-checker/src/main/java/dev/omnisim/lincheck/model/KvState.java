package dev.omnisim.lincheck.model;

import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The key-value store's contents. A key holding {@code ""} is stored as missing, since the two
 * answer every operation alike; that keeps equal behaviour equal for memoisation.
 *
 * @param values the non-empty values by key, sorted, unmodifiable
 */
public record KvState(Map<String, String> values) {

  /** An empty store. */
  public static final KvState EMPTY = new KvState(Map.of());

  /** Copies the map into a sorted unmodifiable one, dropping empty values. */
  public KvState {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.values().removeIf(String::isEmpty);
    values = Collections.unmodifiableSortedMap(copy);
  }

  /** The value of {@code key}; {@code ""} when missing. */
  public String get(String key) {
    return values.getOrDefault(key, "");
  }

  /** This state with {@code key} set to {@code value}. */
  public KvState with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new KvState(copy);
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    values.forEach((key, value) -> joiner.add(Quoting.quote(key) + ": " + Quoting.quote(value)));
    return joiner.toString();
  }
}
