package dev.omnisim.baselines.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.ProposeResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Raft's key cases as short scripts on hand-driven peers ({@link Sandbox}), each naming the section of the
 * paper (Ongaro and Ousterhout 2014) or the dissertation (Ongaro 2014) it checks. The scripts also serve
 * {@link BrokenRaftsAreCaughtTest}: each runs against a Raft missing the rule it is about.
 */
class RaftPaperCasesTest {

  /**
   * §5.4.2, Figure 8: a leader must not commit an entry of an older term by counting replicas. S1 (term 1)
   * replicates x to S2 only and crashes; S5 leads term 2 with y, unreplicated, and crashes; S1 leads term 3
   * and copies x to S3, a majority; S5 comes back, wins term 4 with its newer last term, and overwrites x
   * with y. Returns what was committed.
   */
  static List<String> figure8(ConsensusPeerFactory<String> factory) {
    Sandbox s = new Sandbox(5, factory);
    s.isolate(4);
    s.isolate(5);
    assertTrue(s.elect(1, 5), "S1 wins term 1 with S2 and S3");
    s.cut(1, 3);
    s.propose(1, "x");
    s.settle(); // x reaches S2 only
    s.crash(1);
    s.heal();
    s.isolate(1);
    s.cut(5, 2);
    assertTrue(s.elect(5, 5), "S5 wins with S3 and S4");
    s.propose(5, "y");
    s.dropAll(); // y stays on S5
    s.crash(5);
    s.restart(1);
    s.heal();
    s.isolate(4);
    s.isolate(5);
    assertTrue(s.elect(1, 5), "S1 wins a later term with S2 and S3");
    s.settle(); // x reaches S3: now on a majority, but of an older term
    s.crash(1);
    s.restart(5);
    s.heal();
    s.isolate(1);
    assertTrue(s.elect(5, 5), "S5's last entry (term 2) is newer than x's: it wins with S2, S3 and S4");
    assertTrue(s.propose(5, "z") instanceof ProposeResult.Appended);
    s.tickAll(5);
    return s.committed();
  }

  @Test
  @DisplayName("§5.4.2 Figure 8: an older-term entry on a majority is not committed, so it may be overwritten safely")
  void figure8() {
    assertEquals(List.of("y", "z"), figure8(Raft.factory(RaftOptions.PLAIN)));
  }

  /**
   * §5.4.1, the election restriction: S1 commits x with S2 while S3 is cut off; S1 crashes; S3, whose log
   * is empty, must not win S2's vote. Returns whether S3 got elected, and what was committed.
   */
  static boolean outdatedCandidateElected(ConsensusPeerFactory<String> factory) {
    Sandbox s = new Sandbox(3, factory);
    assertTrue(s.elect(1, 5));
    s.isolate(3);
    s.propose(1, "x");
    s.settle(); // S2 acknowledges: S1 commits x; S2 does not know yet
    assertEquals(List.of("x"), s.committed());
    s.crash(1);
    s.heal();
    boolean elected = s.elect(3, 5);
    if (elected) {
      s.propose(3, "y");
      s.tickAll(5);
    }
    return elected;
  }

  @Test
  @DisplayName("§5.4.1: a candidate whose log lacks a committed entry gets no vote")
  void electionRestriction() {
    assertFalse(outdatedCandidateElected(Raft.factory(RaftOptions.PLAIN)));
  }

  /**
   * Figure 2, "persistent state": S2 votes for S1 in term 1, crashes and restarts; S3 then asks for S2's vote
   * in the same term. Returns whether S3 got elected too.
   */
  static boolean secondLeaderAfterVoterRestart(ConsensusPeerFactory<String> factory) {
    Sandbox s = new Sandbox(3, factory);
    s.cut(1, 3);
    assertTrue(s.elect(1, 1), "S1 wins term 1 with S2's vote");
    s.crash(2);
    s.restart(2);
    s.heal();
    s.isolate(1);
    s.campaign(3);
    return s.peer(3).role() == Raft.Role.LEADER;
  }

  @Test
  @DisplayName("Figure 2: a vote survives a crash, so a restarted voter does not elect a second leader in its term")
  void votesArePersisted() {
    assertFalse(secondLeaderAfterVoterRestart(Raft.factory(RaftOptions.PLAIN)));
  }

  @Test
  @DisplayName("dissertation §9.6 PreVote: a server cut off keeps its term, so it cannot depose the leader when it returns")
  void preVoteKeepsAnIsolatedServersTerm() {
    for (RaftOptions o : List.of(RaftOptions.PLAIN, RaftOptions.PRE_VOTE_CHECK_QUORUM)) {
      Sandbox s = new Sandbox(3, Raft.factory(o));
      assertTrue(s.elect(1, 5));
      long term = s.peer(1).term();
      s.isolate(3);
      s.tickAll(100);
      s.heal();
      s.tickAll(5);
      if (o.preVote()) {
        assertEquals(term, s.peer(3).term(), "with PreVote the isolated server never raised its term");
        assertEquals(Raft.Role.LEADER, s.peer(1).role(), "and the leader stays");
      } else {
        assertTrue(s.peer(3).term() > term + 3, "plain Raft: the isolated server kept raising its term");
        assertFalse(s.peer(1).role() == Raft.Role.LEADER && s.peer(1).term() == term,
            "and on its return the old leader lost its term");
      }
    }
  }

  @Test
  @DisplayName("dissertation §6.2 CheckQuorum: a leader that hears no majority for an election timeout steps down")
  void checkQuorumStepsDown() {
    for (RaftOptions o : List.of(RaftOptions.PLAIN, RaftOptions.PRE_VOTE_CHECK_QUORUM)) {
      Sandbox s = new Sandbox(3, Raft.factory(o));
      assertTrue(s.elect(1, 5));
      s.isolate(1);
      s.tickAll(25);
      assertEquals(o.checkQuorum() ? Raft.Role.FOLLOWER : Raft.Role.LEADER, s.peer(1).role(), o.toString());
    }
  }

  /**
   * The chained scenario of the Omni-Paxos paper (figure 5c) in miniature: S1 leads, the link S1-S3 is cut.
   * Plain Raft: S3 times out and wins S2's vote, and S1 then does the same: leaders keep changing. PV+CQ:
   * S2 still hears S1, so it refuses S3's pre-votes (dissertation §6.2, "disruptive servers"): S1 stays.
   */
  @Test
  @DisplayName("Omni-Paxos paper figure 5c: plain Raft changes leaders over and over; PV+CQ keeps its leader")
  void chained() {
    for (RaftOptions o : List.of(RaftOptions.PLAIN, RaftOptions.PRE_VOTE_CHECK_QUORUM)) {
      Sandbox s = new Sandbox(3, Raft.factory(o));
      assertTrue(s.elect(1, 5));
      long term = s.peer(1).term();
      s.cut(1, 3);
      s.tickAll(300);
      if (o.preVote()) {
        assertEquals(Raft.Role.LEADER, s.peer(1).role());
        assertEquals(term, s.peer(2).term(), "no election happened");
      } else {
        assertTrue(s.peer(2).term() > term + 5, "elections keep coming: term " + term + " -> " + s.peer(2).term());
      }
    }
  }
}
