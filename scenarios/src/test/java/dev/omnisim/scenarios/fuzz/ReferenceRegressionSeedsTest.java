package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fuzz seeds on which the reference once failed a default check, each with what it found: they pass
 * now, and must keep passing.
 */
class ReferenceRegressionSeedsTest {
  private static final Catalog CATALOG = new Catalog();

  @ParameterizedTest(name = "{0} seed {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "swarm        | 986    | a restarted peer's pre-crash heartbeat counted as a working link: takeover without a quorum",
    "swarm        | 1168   | a heartbeat held up on a clogged link counted as a working link: takeover without a quorum",
    "swarm        | 1353   | the same, on a 3-server cluster with one clogged link",
    "swarm        | 2731   | a suspicion window widened by late messages counted a peer cut off rounds ago: takeover without a quorum",
    "swarm        | 2962   | the same",
    "swarm        | 3092   | the same",
    "swarm        | 3196   | the same",
    "swarm        | 3808   | the same",
    "swarm        | 8604   | the checker's link matrix, sampled after steps, missed a heal that lasted 8 ms between two: a founded takeover looked unfounded",
    "swarm        | 10240  | accept batches overtaken on an unordered link stalled followers for two resend timeouts: no progress in time",
    "swarm        | 17172  | the same, in a constrained election on 4 servers",
    "swarm        | 1522   | clerks went round every server, one isolated (a call timeout each round): no progress in time",
    "swarm        | 47648  | a crash point armed in the fault window struck the quorum-connected server in the liveness phase",
    "swarm        | 32323  | 'stable leader' counted from the heal of a 768 ms clog, not from when what it held up had arrived",
    "swarm        | 3198   | a log cut in place became durable before its accepted round: acknowledged entries lost",
    "swarm        | 79855  | a restarted server counted its rounds from 0 again and read peers' echoes of its previous run as news: takeover unheard",
    "swarm        | 92894  | a restarted server vouched for the ghost of a takeover persisted just before its crash: nobody led for 3 s",
    "fuzz-partial | 971    | late messages of a healed slow link let non-quorum-connected servers lead after a constrained election",
    "fuzz-partial | 1402   | 'stable leader': elections on connectivity news of unknown age (fixed by the heartbeat's round echo)",
    "fuzz-partial | 1502   | the same",
    "fuzz-partial | 2905   | the same",
    "fuzz-partial | 701379 | one slow link widened every peer's suspicion window: 11 election timeouts to recover",
    "fuzz-partial | 706694 | the same",
    "fuzz-partial | 708602 | the same",
    "fuzz-partial | 712034 | a silent, cut-off server kept counting its old links by a widened window and claimed a quorum: 12 election timeouts to recover",
    "fuzz-partial | 718194 | the same",
  })
  void theReferencePasses(String scenario, long seed, String found) {
    ScenarioResult r = ScenarioRunner.reference().run(CATALOG.require(scenario), seed);
    assertNull(r.failure(), () -> scenario + " seed " + seed + " (once: " + found + "): " + r.failure().describe());
  }
}
