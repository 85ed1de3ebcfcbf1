package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.MemoryByteStore;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Raft peers driven by hand, without a simulator, for scripted cases that read like the paper's figures:
 * peers {@code 1..n}, each on a byte store that survives its crashes; messages queue up and {@link #settle()}
 * delivers them, in order, except across cut links or to crashed peers (those are dropped). Peers tick only
 * when a script says so. After every input it checks agreement, one leader per term and (unless switched
 * off) that a restarted peer kept its vote, throwing {@link RaftCluster.SafetyViolation}.
 */
final class Sandbox {
  private record Message(int from, int to, Object body) {}

  private final ConsensusPeerFactory<String> factory;
  private final List<Integer> ids = new ArrayList<>();
  private final TreeMap<Integer, MemoryByteStore> stores = new TreeMap<>();
  private final TreeMap<Integer, Raft<String>> peers = new TreeMap<>();
  private final ArrayDeque<Message> queue = new ArrayDeque<>();
  private final TreeSet<String> cut = new TreeSet<>();
  private final TreeMap<Integer, List<String>> decided = new TreeMap<>();
  private final List<String> committed = new ArrayList<>();
  private final TreeMap<Term, Integer> leaderOfTerm = new TreeMap<>();
  private final TreeMap<Integer, Long> votedIn = new TreeMap<>();
  boolean checkVotesSurviveRestarts = true;

  Sandbox(int n, ConsensusPeerFactory<String> factory) {
    this.factory = factory;
    for (int i = 1; i <= n; i++) {
      ids.add(i);
    }
    for (int i : ids) {
      stores.put(i, new MemoryByteStore());
      decided.put(i, new ArrayList<>());
      votedIn.put(i, 0L);
      start(i);
    }
  }

  private void start(int id) {
    Raft<String> p = (Raft<String>) factory.create(new PeerSetup<>(id, ids, ConsensusOptions.DEFAULTS, stores.get(id),
        EntryCodec.UTF8_STRING, new SplittableRandom(id)));
    peers.put(id, p);
    if (checkVotesSurviveRestarts && votedIn.get(id) > p.term()) {
      throw new RaftCluster.SafetyViolation("vote survives a restart", "peer " + id + " voted in term " + votedIn.get(id)
          + " but came back in term " + p.term());
    }
  }

  Raft<String> peer(int id) {
    return peers.get(id);
  }

  void crash(int id) {
    peers.remove(id);
  }

  void restart(int id) {
    start(id);
  }

  /** Cuts the links between {@code a} and {@code b}, both ways. */
  void cut(int a, int b) {
    cut.add(a + ">" + b);
    cut.add(b + ">" + a);
  }

  /** Cuts every link of {@code a}. */
  void isolate(int a) {
    for (int b : ids) {
      if (b != a) {
        cut(a, b);
      }
    }
  }

  void heal() {
    cut.clear();
  }

  /** Ticks {@code id} once and queues what it sends; true when that started a campaign (it asked for votes). */
  boolean tick(int id) {
    peers.get(id).tick();
    return drain(id);
  }

  /** {@code rounds} times: every live peer ticks, then every message is delivered. */
  void tickAll(int rounds) {
    for (int r = 0; r < rounds; r++) {
      for (int id : List.copyOf(peers.keySet())) {
        tick(id);
      }
      settle();
    }
  }

  /** Ticks {@code id} alone until it starts a campaign (or pre-campaign), then delivers everything. */
  void campaign(int id) {
    for (int i = 0; i < 100 && !tick(id); i++) {
      // wait for the election timeout
    }
    settle();
  }

  /** Lets {@code id} campaign until it leads, at most {@code attempts} times; true when it leads. */
  boolean elect(int id, int attempts) {
    for (int i = 0; i < attempts && peers.get(id).role() != Raft.Role.LEADER; i++) {
      campaign(id);
    }
    return peers.get(id).role() == Raft.Role.LEADER;
  }

  ProposeResult propose(int id, String cmd) {
    ProposeResult r = peers.get(id).propose(cmd);
    drain(id);
    return r;
  }

  /** Delivers queued messages, and what they cause, until none is left. */
  void settle() {
    for (int budget = 0; budget < 100_000 && !queue.isEmpty(); budget++) {
      Message m = queue.removeFirst();
      Raft<String> to = peers.get(m.to());
      if (to == null || cut.contains(m.from() + ">" + m.to())) {
        continue;
      }
      to.receive(m.from(), m.body());
      drain(m.to());
    }
  }

  /** Drops every queued message. */
  void dropAll() {
    queue.clear();
  }

  List<String> committed() {
    return List.copyOf(committed);
  }

  private boolean drain(int id) {
    Raft<String> p = peers.get(id);
    boolean campaigned = false;
    for (Outgoing o : p.drainOutgoing()) {
      campaigned |= o.message() instanceof RaftMessage.RequestVote<?>;
      if (o.message() instanceof RaftMessage.VoteGranted<?> v) {
        votedIn.put(id, Math.max(votedIn.get(id), v.term()));
      }
      queue.addLast(new Message(id, o.to(), o.message()));
    }
    observe(id, p);
    return campaigned;
  }

  private void observe(int id, Raft<String> p) {
    List<String> mine = decided.get(id);
    if (p.decidedIndex() > mine.size()) {
      for (String v : p.readDecided(mine.size(), p.decidedIndex())) {
        int index = mine.size();
        if (index < committed.size() && !committed.get(index).equals(v)) {
          throw new RaftCluster.SafetyViolation("agreement", "peer " + id + " decided " + v + " at " + index + " but "
              + committed.get(index) + " was decided there");
        }
        if (index == committed.size()) {
          committed.add(v);
        }
        mine.add(v);
      }
    }
    if (p.leadership().leading()) {
      Integer other = leaderOfTerm.putIfAbsent(p.leadership().term(), id);
      if (other != null && other != id) {
        throw new RaftCluster.SafetyViolation("one leader per term", "peers " + other + " and " + id + " both lead in term "
            + p.leadership().term());
      }
    }
  }
}
