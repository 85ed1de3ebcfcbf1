package dev.omnisim.baselines.vr;

import dev.omnisim.consensus.script.InteractionScript;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Viewstamped Replication's key cases as interaction scripts ({@code src/test/resources/scripts/vr/}), each
 * citing the section of VR Revisited (Liskov and Cowling 2012) it checks: a view change after the primary
 * fails (§4.2), and the new primary taking the log of the highest last-normal view. Run with
 * {@code -Dscripts.rewrite=true} to regenerate the expectations after a deliberate change, then read the diff.
 */
class VrScriptTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"view-change", "highest-normal-view"})
  void theScriptPrintsWhatThePaperPredicts(String script) {
    InteractionScript.run(Path.of("src/test/resources/scripts/vr", script + ".txt"), ViewstampedReplication::new);
  }
}
