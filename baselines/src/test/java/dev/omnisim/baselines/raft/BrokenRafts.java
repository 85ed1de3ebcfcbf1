package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.EntryCodec;

/**
 * Deliberately broken Rafts, each missing one rule the papers insist on, to prove that the tests catch
 * what they claim to.
 */
final class BrokenRafts {
  private BrokenRafts() {}

  /** Commits any entry a majority holds, of an older term too (what Figure 8 of the paper warns against). */
  static ConsensusPeerFactory<String> commitsOlderTermsByCounting(RaftOptions options) {
    return setup -> new Raft<>(setup, options) {
      @Override
      boolean mayCommitByCounting(long n) {
        return true;
      }
    };
  }

  /** Grants votes without the election restriction of §5.4.1. */
  static ConsensusPeerFactory<String> votesWithoutUpToDateCheck(RaftOptions options) {
    return setup -> new Raft<>(setup, options) {
      @Override
      boolean candidateLogIsUpToDate(long lastTerm, long lastIndex) {
        return true;
      }
    };
  }

  /** Keeps its vote only in memory: a restart forgets whom (and in which term) it voted for. */
  static ConsensusPeerFactory<String> forgetsVotes(RaftOptions options) {
    return setup -> new Raft<>(setup, options, new ForgetfulStorage(setup.store(), setup.codec(), false));
  }

  /** Keeps its term and vote only in memory: a restart goes back to the term it had on disk. */
  static ConsensusPeerFactory<String> forgetsTerms(RaftOptions options) {
    return setup -> new Raft<>(setup, options, new ForgetfulStorage(setup.store(), setup.codec(), true));
  }

  private static final class ForgetfulStorage extends RaftStorage<String> {
    private final boolean termsToo;

    ForgetfulStorage(ByteStore store, EntryCodec<String> codec, boolean termsToo) {
      super(store, codec);
      this.termsToo = termsToo;
    }

    @Override
    void recordTermAndVote(long newTerm, int vote) {
      if (vote == -1 && !termsToo) {
        super.recordTermAndVote(newTerm, vote);
      }
    }
  }
}
