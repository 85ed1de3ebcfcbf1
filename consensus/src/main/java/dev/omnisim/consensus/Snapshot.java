package dev.omnisim.consensus;

import java.util.Arrays;

/**
 * The service's state after applying the decided entries {@code [0, index)}, as opaque bytes. The
 * service both produces it ({@link ConsensusPeer#compact}) and installs it (when {@link
 * ConsensusPeer#compactedIndex()} passes what it applied).
 *
 * @param index the number of entries the snapshot covers
 * @param data the encoded state; copied in and out, so the record is immutable
 */
public record Snapshot(long index, byte[] data) {

  /** Checks the index and copies the bytes. */
  public Snapshot {
    if (index < 0) {
      throw new IllegalArgumentException("snapshot index must be >= 0, was " + index);
    }
    data = data.clone();
  }

  /**
   * Returns a copy of the encoded state.
   *
   * @return the bytes of the snapshot
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && s.index == index && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Snapshot[index=" + index + ", bytes=" + data.length + "]";
  }
}
