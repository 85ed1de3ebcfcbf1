package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.script.InteractionScript;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-Paxos's key cases as interaction scripts ({@code src/test/resources/scripts/multipaxos/}), each citing
 * what it checks: a takeover after the leader is isolated, whose phase 1 adopts the most recent accepted log,
 * and quorum loss (Omni-Paxos paper figure 5a), where nobody takes over. Run with
 * {@code -Dscripts.rewrite=true} to regenerate the expectations after a deliberate change, then read the diff.
 */
class MultiPaxosScriptTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"takeover", "quorum-loss"})
  void theScriptPrintsWhatThePaperPredicts(String script) {
    InteractionScript.run(Path.of("src/test/resources/scripts/multipaxos", script + ".txt"), MultiPaxos::new);
  }
}
