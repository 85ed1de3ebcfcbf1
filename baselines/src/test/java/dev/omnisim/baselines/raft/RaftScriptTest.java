package dev.omnisim.baselines.raft;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.script.InteractionScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raft's key cases as interaction scripts ({@code src/test/resources/scripts/raft/}), the cases of
 * {@link RaftPaperCasesTest} written as readable transcripts, each citing the section it checks: the election
 * restriction (§5.4.1), commit of current-term entries only (§5.4.2, Figure 8), PreVote (dissertation §9.6)
 * and the constrained election of the Omni-Paxos paper (§2, figure 5b). Each script runs on the Raft variant
 * it is about. Run with {@code -Dscripts.rewrite=true} to regenerate the expectations after a deliberate
 * change, then read the diff.
 */
class RaftScriptTest {
  private static final Path DIR = Path.of("src/test/resources/scripts/raft");

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "election-restriction, PLAIN",
      "figure-8, PLAIN",
      "pre-vote, PRE_VOTE_CHECK_QUORUM",
      "constrained-election, PRE_VOTE_CHECK_QUORUM",
      "disruptive-candidate, PLAIN"})
  void theScriptPrintsWhatThePaperPredicts(String script, String variant) {
    RaftOptions options = variant.equals("PLAIN") ? RaftOptions.PLAIN : RaftOptions.PRE_VOTE_CHECK_QUORUM;
    InteractionScript.run(DIR.resolve(script + ".txt"), Raft.factory(options));
  }

  /**
   * The scripts bite: a copy of the election-restriction script expecting the stale candidate 3 to win
   * (what a Raft without §5.4.1 would do) must fail, naming the line and showing the diff. Skipped in
   * rewrite mode, which never compares.
   */
  @Test
  void aWrongExpectationFails(@TempDir Path tmp) throws IOException {
    if (InteractionScript.rewriteRequested()) {
      return;
    }
    String script = Files.readString(DIR.resolve("election-restriction.txt"));
    String right = "round 11: 1: leading in term 4";
    String wrong = "round 11: 3: leading in term 4";
    assertTrue(script.contains(right), "the script still expects 1 to win term 4");
    Path copy = tmp.resolve("election-restriction.txt");
    Files.writeString(copy, script.replace(right, wrong));
    AssertionError e = assertThrows(AssertionError.class, () -> InteractionScript.run(copy, Raft.factory(RaftOptions.PLAIN)));
    assertTrue(e.getMessage().contains("- " + wrong) && e.getMessage().contains("+ " + right)
        && e.getMessage().startsWith(copy + ":"), e.getMessage());
  }
}
