package dev.omnisim.omnipaxos;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of the log a storage keeps in memory: entries {@code [compactedIndex, length())}, the ones
 * below {@code compactedIndex} being summed up by a snapshot. Both storages keep their log this way;
 * the persistent one also writes every change to its files.
 *
 * @param <T> the entry type
 */
final class LogWindow<T> {

  private long compactedIndex;
  private final ArrayList<T> entries = new ArrayList<>();

  /** One past the last index. */
  long length() {
    return compactedIndex + entries.size();
  }

  long compactedIndex() {
    return compactedIndex;
  }

  /** The entries {@code [fromIndex, toIndex)}, a copy. */
  List<T> entries(long fromIndex, long toIndex) {
    if (fromIndex < compactedIndex || toIndex > length() || fromIndex > toIndex) {
      throw new IllegalArgumentException(
          "entries [" + fromIndex + "," + toIndex + ") outside [" + compactedIndex + "," + length() + ")");
    }
    return List.copyOf(entries.subList((int) (fromIndex - compactedIndex), (int) (toIndex - compactedIndex)));
  }

  /** The entries held, from {@link #compactedIndex()} on; a view, not a copy. */
  List<T> held() {
    return entries;
  }

  void append(List<T> newEntries) {
    entries.addAll(newEntries);
  }

  /**
   * Drops the entries from {@code fromIndex} on and appends {@code newEntries} there; fails unless the cut keeps
   * every compacted entry and leaves no gap.
   */
  void truncateAndAppend(long fromIndex, List<T> newEntries) {
    if (fromIndex < compactedIndex || fromIndex > length()) {
      throw new IllegalArgumentException(
          "cut at " + fromIndex + " outside [" + compactedIndex + "," + length() + "]");
    }
    entries.subList((int) (fromIndex - compactedIndex), entries.size()).clear();
    entries.addAll(newEntries);
  }

  /** Forgets the entries below {@code index}, which a snapshot now sums up (all, if it is beyond the log). */
  void compactTo(long index) {
    if (index <= compactedIndex) {
      throw new IllegalArgumentException("snapshot at " + index + " not above " + compactedIndex);
    }
    if (index <= length()) {
      entries.subList(0, (int) (index - compactedIndex)).clear();
    } else {
      entries.clear();
    }
    compactedIndex = index;
  }

  /** At recovery: the window starts at the recovered snapshot's index, empty. */
  void startAt(long index) {
    if (!entries.isEmpty()) {
      throw new IllegalStateException("the window already holds entries");
    }
    compactedIndex = index;
  }
}
