package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Storage that lives and dies with the process: for tests and for peers that never restart.
 *
 * @param <T> the entry type
 */
public final class InMemoryStorage<T> implements Storage<T> {

  private Ballot promise = Ballot.NONE;
  private Ballot acceptedRound = Ballot.NONE;
  private long decidedIndex;
  private long incarnation;
  private long compactedIndex;
  private Snapshot snapshot;
  /** Entries {@code [compactedIndex, logLength())}. */
  private final ArrayList<T> entries = new ArrayList<>();

  /** Creates an empty storage. */
  public InMemoryStorage() {}

  @Override
  public Ballot promise() {
    return promise;
  }

  @Override
  public void setPromise(Ballot ballot) {
    promise = Objects.requireNonNull(ballot);
  }

  @Override
  public Ballot acceptedRound() {
    return acceptedRound;
  }

  @Override
  public void setAcceptedRound(Ballot ballot) {
    acceptedRound = Objects.requireNonNull(ballot);
  }

  @Override
  public long decidedIndex() {
    return decidedIndex;
  }

  @Override
  public void setDecidedIndex(long index) {
    if (index > logLength()) {
      throw new IllegalStateException("decided index " + index + " beyond log " + logLength());
    }
    decidedIndex = index;
  }

  @Override
  public long logLength() {
    return compactedIndex + entries.size();
  }

  @Override
  public long compactedIndex() {
    return compactedIndex;
  }

  @Override
  public List<T> entries(long fromIndex, long toIndex) {
    if (fromIndex < compactedIndex || toIndex > logLength() || fromIndex > toIndex) {
      throw new IllegalArgumentException(
          "entries [" + fromIndex + "," + toIndex + ") outside [" + compactedIndex + "," + logLength() + ")");
    }
    return List.copyOf(entries.subList((int) (fromIndex - compactedIndex), (int) (toIndex - compactedIndex)));
  }

  @Override
  public void append(List<T> newEntries) {
    entries.addAll(newEntries);
  }

  @Override
  public void truncateAndAppend(long fromIndex, List<T> newEntries) {
    if (fromIndex < compactedIndex || fromIndex > logLength()) {
      throw new IllegalArgumentException(
          "cut at " + fromIndex + " outside [" + compactedIndex + "," + logLength() + "]");
    }
    entries.subList((int) (fromIndex - compactedIndex), entries.size()).clear();
    entries.addAll(newEntries);
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  @Override
  public void setSnapshot(Snapshot s) {
    if (s.index() <= compactedIndex) {
      throw new IllegalArgumentException("snapshot at " + s.index() + " not above " + compactedIndex);
    }
    if (s.index() <= logLength()) {
      entries.subList(0, (int) (s.index() - compactedIndex)).clear();
    } else {
      entries.clear();
    }
    compactedIndex = s.index();
    snapshot = s;
  }

  @Override
  public long incarnation() {
    return incarnation;
  }

  @Override
  public void setIncarnation(long n) {
    incarnation = n;
  }

  @Override
  public void sync() {
    // Nothing to make durable.
  }
}
