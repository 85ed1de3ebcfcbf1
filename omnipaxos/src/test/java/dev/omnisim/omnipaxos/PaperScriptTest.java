package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.script.InteractionScript;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OmniPaxos's paper scenarios as interaction scripts ({@code src/test/resources/scripts/}), each citing
 * the section of the paper it checks: quorum loss, constrained election, chained, leader takeover and a
 * stale ballot. Every step's output is compared with the expectation under it in the file; run with
 * {@code -Dscripts.rewrite=true} to regenerate the expectations after a deliberate change, then read the
 * diff.
 */
class PaperScriptTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"quorum-loss", "constrained-election", "chained", "leader-takeover", "stale-ballot"})
  void theScriptPrintsWhatThePaperPredicts(String script) {
    InteractionScript.run(Path.of("src/test/resources/scripts", script + ".txt"), OmniPaxos::new);
  }
}
