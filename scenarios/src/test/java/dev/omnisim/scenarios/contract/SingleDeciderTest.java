package dev.omnisim.scenarios.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.report.LeaderTimeline;
import dev.omnisim.sim.TraceKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proof that the consensus contract is enough for a protocol to plug in: a deliberately trivial
 * "protocol", all in this file, runs a lab scenario through the same {@link Implementation} value the
 * reference uses. Nothing outside this file knows it exists.
 */
class SingleDeciderTest {

  /**
   * The lowest id decides every entry alone, at once, and tells the others; the others forward nothing
   * (their clients retry at the decider) and ask the decider for what they miss. Not fault tolerant:
   * good enough for a reliable network without crashes, which is all this test asks of it.
   */
  static final class SingleDecider<T> implements ConsensusPeer<T> {
    /** The decider tells the others the entry decided at {@code index}. */
    record Decided<T>(long index, T entry) {}

    /** A follower tells the decider how many entries it has. */
    record Have(long decided) {}

    private static final String LOG = "single-decider.log";
    private final int self;
    private final int decider;
    private final List<Integer> others;
    private final int askEveryTicks;
    private final ByteStore store;
    private final EntryCodec<T> codec;
    private final List<T> log = new ArrayList<>();
    private final List<Outgoing> out = new ArrayList<>();
    private Snapshot snapshot;
    private int ticks;

    SingleDecider(PeerSetup<T> setup) {
      this.self = setup.selfId();
      this.decider = setup.peerIds().stream().min(Integer::compare).orElseThrow();
      this.others = setup.otherIds();
      this.askEveryTicks = setup.options().electionTimeoutTicks();
      this.store = setup.store();
      this.codec = setup.codec();
      ByteBuffer saved = ByteBuffer.wrap(store.read(LOG));
      while (saved.remaining() >= Integer.BYTES) {
        byte[] entry = new byte[saved.getInt()];
        saved.get(entry);
        log.add(codec.decode(entry));
      }
    }

    @Override
    public ProposeResult propose(T entry) {
      if (self != decider) {
        return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
      }
      decide(entry);
      others.forEach(o -> out.add(new Outgoing(o, new Decided<>(log.size() - 1, entry))));
      return new ProposeResult.Appended(log.size() - 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void receive(int from, Object message) {
      switch (message) {
        case Decided<?> d when d.index() == log.size() -> decide((T) d.entry());
        case Decided<?> d -> { } // a gap or a duplicate: the next Have repairs it
        case Have h -> {
          for (long i = h.decided(); i < log.size() && i < h.decided() + 64; i++) {
            out.add(new Outgoing(from, new Decided<>(i, log.get((int) i))));
          }
        }
        default -> throw new IllegalArgumentException("not a single-decider message: " + message);
      }
    }

    private void decide(T entry) {
      byte[] bytes = codec.encode(entry);
      ByteArrayOutputStream record = new ByteArrayOutputStream();
      record.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      record.writeBytes(bytes);
      store.append(LOG, record.toByteArray());
      log.add(entry);
    }

    @Override
    public void tick() {
      if (self != decider && ++ticks % askEveryTicks == 0) {
        out.add(new Outgoing(decider, new Have(log.size())));
      }
    }

    @Override
    public List<Outgoing> drainOutgoing() {
      store.sync();
      List<Outgoing> msgs = List.copyOf(out);
      out.clear();
      return msgs;
    }

    @Override
    public long decidedIndex() {
      return log.size();
    }

    @Override
    public List<T> readDecided(long fromIndex, long toIndex) {
      return List.copyOf(log.subList((int) fromIndex, (int) toIndex));
    }

    @Override
    public long compactedIndex() {
      return 0; // keeps the whole log; the snapshot is only remembered
    }

    @Override
    public Optional<Snapshot> snapshot() {
      return Optional.ofNullable(snapshot);
    }

    @Override
    public void compact(Snapshot s) {
      snapshot = s;
    }

    @Override
    public Leadership leadership() {
      Term only = new Term(1, 0);
      return self == decider ? Leadership.leading(self, only) : Leadership.following(decider, only);
    }
  }

  private static final Implementation SINGLE_DECIDER =
      Implementation.REFERENCE.named("single-decider").withConsensus(SingleDecider<KvCommand>::new);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  @DisplayName("a trivial protocol passes basic-one through the Implementation value, and it is what ran")
  void aTrivialProtocolPlugsIn(long seed) {
    ScenarioResult r = ScenarioRunner.reference().withImplementation(SINGLE_DECIDER).withRecordTrace(true)
        .run(new Catalog().require("basic-one"), seed);

    assertNull(r.failure(), () -> String.valueOf(r.failure()));
    assertEquals(306, r.ops());
    // What ran was this protocol, not the reference: its messages are on the wire, OmniPaxos's are not.
    assertTrue(r.trace().stream().anyMatch(e -> e.kind() == TraceKind.DELIVER && e.detail().startsWith("Decided[")));
    assertTrue(r.trace().stream().noneMatch(e -> e.detail().startsWith("HeartbeatRequest[")));
    // The report's leader timeline comes from the contract's leadership view, whatever the protocol.
    List<LeaderTimeline.Period> periods = LeaderTimeline.fromTrace(r.trace()).periods();
    assertEquals(1, periods.size(), periods::toString);
    assertEquals(0, periods.get(0).server());
  }
}
