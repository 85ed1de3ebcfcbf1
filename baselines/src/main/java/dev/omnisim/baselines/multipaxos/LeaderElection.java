package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.Term;
import java.util.List;
import java.util.TreeMap;

/**
 * Multi-Paxos's leader election, after the Omni-Paxos artifact's {@code mp_le.rs} (itself the
 * frankenpaxos "basic" election). Every round each peer asks every other for its candidate ballot and
 * the leader it follows. At the end of a round in which it heard a majority (itself included), a peer
 * elects the highest ballot it heard; if that is below the leader it followed (the leader did not
 * answer), it raises its own ballot above that leader's and follows nobody, so it is the highest next
 * round. A reply naming a higher leader is followed at once.
 *
 * <p>Unlike BLE nothing here asks whether the elected peer is quorum-connected: a peer that hears a
 * majority takes over from a leader it cannot hear even if that leader still has its quorum (chained),
 * and a peer that hears only a minority never acts (quorum loss). That is what the paper's figure 5
 * shows of Multi-Paxos.
 */
final class LeaderElection {
  private final int self;
  private final List<Integer> others;
  private final int majority;
  private final int roundTicks;
  private long round;
  private int ticks;
  private Term candidate;
  private Term leader = Term.NONE;
  /** Candidate ballots heard this round, by sender: a duplicated reply counts once. */
  private final TreeMap<Integer, Term> heard = new TreeMap<>();

  LeaderElection(int self, List<Integer> others, int majority, int roundTicks) {
    this.self = self;
    this.others = others;
    this.majority = majority;
    this.roundTicks = roundTicks;
    this.candidate = new Term(1, self);
  }

  /** The ballot of the leader this peer follows, {@link Term#NONE} without one. */
  Term leader() {
    return leader;
  }

  /** This peer's own candidate ballot. */
  Term candidate() {
    return candidate;
  }

  /** Counts one tick; at the end of a round, judges and starts the next round. */
  void tick(List<Outgoing> out) {
    if (++ticks < roundTicks) {
      return;
    }
    ticks = 0;
    if (heard.size() + 1 >= majority) {
      heard.put(self, candidate);
      checkLeader();
    }
    heard.clear();
    round++;
    for (int peer : others) {
      out.add(new Outgoing(peer, new Message.HeartbeatRequest(round)));
    }
  }

  private void checkLeader() {
    Term top = Term.NONE;
    for (Term b : heard.values()) {
      if (b.isAbove(top)) {
        top = b;
      }
    }
    if (leader.isAbove(top)) {
      // the leader did not answer this round: become the highest candidate, follow nobody
      raiseAbove(leader);
    } else if (!top.equals(leader)) {
      leader = top;
    }
  }

  /**
   * Makes this peer's candidate ballot higher than {@code ballot} and forgets the leader: what a peer
   * does when the leader is silent.
   */
  private void raiseAbove(Term ballot) {
    if (!candidate.isAbove(ballot)) {
      candidate = new Term(ballot.major() + 1, self);
    }
    leader = Term.NONE;
  }

  /** Follows {@code ballot} if it is above the leader followed now, as when a reply names it. */
  void follow(Term ballot) {
    if (ballot.isAbove(leader)) {
      leader = ballot;
    }
  }

  void onRequest(int from, Message.HeartbeatRequest request, List<Outgoing> out) {
    out.add(new Outgoing(from, new Message.HeartbeatReply(request.round(), candidate, leader)));
  }

  void onReply(int from, Message.HeartbeatReply reply) {
    if (reply.round() != round) {
      return;
    }
    heard.put(from, reply.ballot());
    if (reply.leader().isAbove(leader)) {
      leader = reply.leader();
    }
  }
}
