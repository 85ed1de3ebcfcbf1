package dev.omnisim.baselines.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each rule of Raft's safety argument, removed in turn ({@link BrokenRafts}), is caught by the tests: the
 * paper's scripts ({@link RaftPaperCasesTest}) fail with the safety property that breaks, while the real
 * Raft passes the same scripts there. The scripts tick only the peer that should campaign, so they run
 * plain Raft: with CheckQuorum the others would stay in their leader's lease; the rules removed here are the
 * same code in both variants.
 */
class BrokenRaftsAreCaughtTest {

  @Test
  @DisplayName("committing an older-term entry by counting replicas breaks agreement in Figure 8")
  void commitByCounting() {
    var e = assertThrows(RaftCluster.SafetyViolation.class,
        () -> RaftPaperCasesTest.figure8(BrokenRafts.commitsOlderTermsByCounting(RaftOptions.PLAIN)));
    assertEquals("agreement", e.property, e.getMessage());
  }

  @Test
  @DisplayName("a vote granted without the up-to-date check elects a leader that overwrites a committed entry")
  void voteWithoutUpToDateCheck() {
    var e = assertThrows(RaftCluster.SafetyViolation.class,
        () -> RaftPaperCasesTest.outdatedCandidateElected(BrokenRafts.votesWithoutUpToDateCheck(RaftOptions.PLAIN)));
    assertEquals("agreement", e.property, e.getMessage());
  }

  @Test
  @DisplayName("a vote kept only in memory is forgotten at a restart, and the voter elects a second leader in the term")
  void voteNotPersisted() {
    var e = assertThrows(RaftCluster.SafetyViolation.class,
        () -> RaftPaperCasesTest.secondLeaderAfterVoterRestart(BrokenRafts.forgetsVotes(RaftOptions.PLAIN)));
    assertEquals("one leader per term", e.property, e.getMessage());
  }

  @Test
  @DisplayName("a term not persisted before voting goes back at a restart")
  void termNotPersisted() {
    var e = assertThrows(RaftCluster.SafetyViolation.class,
        () -> RaftPaperCasesTest.secondLeaderAfterVoterRestart(BrokenRafts.forgetsTerms(RaftOptions.PLAIN)));
    assertEquals("vote survives a restart", e.property, e.getMessage());
  }
}
