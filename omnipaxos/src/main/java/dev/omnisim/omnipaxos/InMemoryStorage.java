package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Snapshot;
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
  private Snapshot snapshot;
  private final LogWindow<T> log = new LogWindow<>();

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
    return log.length();
  }

  @Override
  public long compactedIndex() {
    return log.compactedIndex();
  }

  @Override
  public List<T> entries(long fromIndex, long toIndex) {
    return log.entries(fromIndex, toIndex);
  }

  @Override
  public void append(List<T> newEntries) {
    log.append(newEntries);
  }

  @Override
  public void truncateAndAppend(long fromIndex, List<T> newEntries) {
    log.truncateAndAppend(fromIndex, newEntries);
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  @Override
  public void setSnapshot(Snapshot s) {
    log.compactTo(s.index());
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
