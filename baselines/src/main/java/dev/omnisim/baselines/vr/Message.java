package dev.omnisim.baselines.vr;

import dev.omnisim.consensus.Acknowledging;
import dev.omnisim.consensus.Promising;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Viewstamped Replication Revisited's messages (normal operation: Prepare, PrepareOK, Commit; view
 * change: StartViewChange, DoViewChange, StartView) and the heartbeats of the artifact's
 * {@code vr_le.rs} by which a backup checks that its primary is alive. Views are numbers; as a
 * {@link Term} a view is {@code (view, 0)}.
 */
public sealed interface Message {

  /** The term of a view. */
  static Term term(long view) {
    return new Term(view, 0);
  }

  /**
   * A replica's log: entries {@code [from, from + entries.size())}, preceded by the snapshot of
   * {@code [0, from)} when {@code from > 0} was compacted.
   */
  record Log<T>(Optional<Snapshot> snapshot, long from, List<T> entries) {
    /** Copies the entries. */
    public Log {
      Objects.requireNonNull(snapshot, "snapshot");
      entries = List.copyOf(entries);
    }

    /** The index just past the last entry. */
    public long end() {
      return from + entries.size();
    }
  }

  /** Election: a backup asks its primary whether it is alive, once per round. */
  record HeartbeatRequest(long round) implements Message {}

  /** Election: the answer; {@code primary} when the sender is the primary of {@code view}, in normal status. */
  record HeartbeatReply(long round, long view, boolean primary) implements Message {}

  /** The primary of {@code view} appends {@code entries} at {@code op} (0-based index); {@code commit} as in the paper. */
  record Prepare<T>(long view, long op, List<T> entries, long commit) implements Message {
    /** Copies the entries. */
    public Prepare {
      entries = List.copyOf(entries);
    }
  }

  /** A backup holds the primary's log {@code [0, length)} in {@code view}. */
  record PrepareOk(long view, long length) implements Message, Acknowledging {
    @Override
    public Term acceptedTerm() {
      return term(view);
    }

    @Override
    public long acceptedLength() {
      return length;
    }
  }

  /** The primary's commit number; also its heartbeat when idle. */
  record Commit(long view, long commit) implements Message {}

  /** A replica moves to {@code view} and will take part in no lower view. */
  record StartViewChange(long view) implements Message, Promising {
    @Override
    public Term promisedTerm() {
      return term(view);
    }
  }

  /** To the new primary: the sender's log, the last view in which it was normal, its commit number. */
  record DoViewChange<T>(long view, long lastNormalView, long length, Log<T> log, long commit)
      implements Message, Promising {
    @Override
    public Term promisedTerm() {
      return term(view);
    }
  }

  /** The new primary's log, which every replica of {@code view} adopts. */
  record StartView<T>(long view, Log<T> log, long commit) implements Message {}
}
