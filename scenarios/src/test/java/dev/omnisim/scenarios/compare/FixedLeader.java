package dev.omnisim.scenarios.compare;

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
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.check.Guarantee;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately weak protocol, for proving that {@code compare} tells recovery, deadlock and livelock
 * apart. The lowest id leads forever: it appends, replicates, and decides what a majority stores. It
 * never hands leadership over, so it stalls as soon as it is cut from a majority (a deadlock), and
 * carries on where it keeps one (chained). The restless variant adds a follower that, not hearing the
 * leader for an election timeout, claims leadership in a term of its own again and again without ever
 * being able to decide anything (a livelock). Only the fixed leader decides, so the harness's safety
 * invariants hold; it claims none of OmniPaxos's liveness guarantees. No crash tolerance: the decided
 * index is not persisted (the experiment crashes nobody).
 */
public final class FixedLeader<T> implements ConsensusPeer<T> {

  /** Entries from {@code index} on, and how far the leader has decided. */
  record Append<T>(long index, List<T> entries, long decided) {}

  /** A follower stores {@code length} entries. */
  record Have(long length) {}

  /** The fixed leader's term. */
  static final Term LEADER_TERM = new Term(1, 0);

  private static final String LOG = "fixed-leader.log";
  private static final int BATCH = 64;

  private final int self;
  private final int leader;
  private final List<Integer> others;
  private final int majority;
  private final int electionTimeoutTicks;
  private final boolean restless;
  private final ByteStore store;
  private final EntryCodec<T> codec;
  private final List<T> log = new ArrayList<>();
  private final List<Outgoing> out = new ArrayList<>();
  /** On the leader: what each peer stores, by id. */
  private final long[] stored;
  private long decided;
  private Snapshot snapshot;
  private int ticksWithoutLeader;
  private long claims;
  private Leadership view;

  /** The implementation that never re-elects: deadlocks when its leader loses a majority. */
  public static Implementation neverReelects() {
    return implementation("never-reelects", false);
  }

  /** The restless implementation: its followers keep claiming leadership they cannot use. */
  public static Implementation restless() {
    return implementation("restless", true);
  }

  private static Implementation implementation(String name, boolean restless) {
    return Implementation.REFERENCE.named(name)
        .withConsensus(setup -> new FixedLeader<KvCommand>(setup, restless))
        .withGuarantees(EnumSet.noneOf(Guarantee.class));
  }

  FixedLeader(PeerSetup<T> setup, boolean restless) {
    this.self = setup.selfId();
    this.leader = setup.peerIds().stream().min(Integer::compare).orElseThrow();
    this.others = setup.otherIds();
    this.majority = setup.majority();
    this.electionTimeoutTicks = setup.options().electionTimeoutTicks();
    this.restless = restless;
    this.store = setup.store();
    this.codec = setup.codec();
    this.stored = new long[setup.peerIds().stream().max(Integer::compare).orElseThrow() + 1];
    ByteBuffer saved = ByteBuffer.wrap(store.read(LOG));
    while (saved.remaining() >= Integer.BYTES) {
      byte[] entry = new byte[saved.getInt()];
      saved.get(entry);
      log.add(codec.decode(entry));
    }
    this.view = self == leader ? Leadership.leading(self, LEADER_TERM) : Leadership.following(leader, LEADER_TERM);
  }

  @Override
  public ProposeResult propose(T entry) {
    if (self != leader) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    long index = log.size();
    persist(entry);
    others.forEach(o -> out.add(new Outgoing(o, new Append<>(index, List.of(entry), decided))));
    return new ProposeResult.Appended(index);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void receive(int from, Object message) {
    switch (message) {
      case Append<?> a -> {
        ticksWithoutLeader = 0;
        view = Leadership.following(leader, LEADER_TERM);
        if (a.index() <= log.size()) {
          for (int i = (int) (log.size() - a.index()); i < a.entries().size(); i++) {
            persist((T) a.entries().get(i));
          }
        }
        decided = Math.max(decided, Math.min(a.decided(), log.size()));
        out.add(new Outgoing(from, new Have(log.size())));
      }
      case Have h -> {
        stored[from] = Math.max(stored[from], h.length());
        advanceDecided();
      }
      default -> throw new IllegalArgumentException("not a fixed-leader message: " + message);
    }
  }

  private void advanceDecided() {
    stored[self] = log.size();
    long[] lengths = others.stream().mapToLong(o -> stored[o]).toArray();
    lengths = Arrays.copyOf(lengths, lengths.length + 1);
    lengths[lengths.length - 1] = log.size();
    Arrays.sort(lengths);
    decided = Math.max(decided, lengths[lengths.length - majority]);
  }

  private void persist(T entry) {
    byte[] bytes = codec.encode(entry);
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    record.writeBytes(bytes);
    store.append(LOG, record.toByteArray());
    log.add(entry);
  }

  @Override
  public void tick() {
    if (self == leader) {
      for (int o : others) {
        long from = Math.min(stored[o], log.size());
        out.add(new Outgoing(o, new Append<>(from, List.copyOf(log.subList((int) from,
            (int) Math.min(log.size(), from + BATCH))), decided)));
      }
      return;
    }
    if (restless && ++ticksWithoutLeader >= electionTimeoutTicks) {
      ticksWithoutLeader = 0;
      claims++;
      view = Leadership.leading(self, new Term(1 + claims, self)); // a term of its own: never shared
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
    return decided;
  }

  @Override
  public List<T> readDecided(long fromIndex, long toIndex) {
    return List.copyOf(log.subList((int) fromIndex, (int) toIndex));
  }

  @Override
  public long compactedIndex() {
    return 0;
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
    return view;
  }
}
