package dev.omnisim.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The suite catches broken servers: each broken variant fails scenarios, for the reason the bug
 * predicts (STALE: a stale read, seen by either of the lab workload's checks), on seeds where the
 * reference server passes the same scenario. Seeds are fixed, so a
 * change that makes a scenario blind to a bug shows up here.
 *
 * <p>What the extended set adds: the lab's 11 scenarios catch a missing duplicate table only on some
 * seeds ({@code unreliable} makes 5 appends), and a server that forgets to persist on none (the lab's
 * persist scenarios crash 2 of 5 servers, and the other 3 still hold the log).
 */
class BrokenServersAreCaughtTest {
  private static final ScenarioRunner REFERENCE = ScenarioRunner.reference();
  private static final Catalog CATALOG = new Catalog();
  /** How the lab workload reports a stale read: by the client's running check, or the final one's. */
  private static final String STALE_READ = "get wrong value|missing element .* in Append result";

  @ParameterizedTest(name = "{0} from seed {1}")
  @CsvSource({
    "unreliable, 2, get wrong value",
    "unreliable, 8, get wrong value",
    "unreliable-many, 1, get wrong value",
    "unreliable-many, 2, get wrong value",
    "unreliable-many, 3, get wrong value",
    "one-key-concurrent-appends, 1, duplicate element",
    "one-key-concurrent-appends, 2, duplicate element",
    "one-key-concurrent-appends, 3, duplicate element",
    "persist-partitions-unreliable, 1, get wrong value",
    "many-clients, 1, not linearizable",
    "many-clients, 2, not linearizable",
    "many-clients, 3, not linearizable",
  })
  void aServerWithoutDuplicateDetectionAppliesARetriedAppendTwiceWhenAReplyIsLost(
      String scenario, long seed, String reason) {
    assertCaught(BrokenServers.WITHOUT_DUPLICATE_DETECTION, scenario, seed, reason);
  }

  @ParameterizedTest(name = "{0} from seed {1}")
  @CsvSource({
    "fig5b-one, 1, STALE",
    "fig5b-one, 2, STALE",
    "fig5b-many, 1, STALE",
    "fig5b-many, 2, STALE",
    "one-partition, 4, Get(1) in the minority completed",
    "one-partition, 5, Get(1) in the minority completed",
    "one-partition, 6, Get(1) in the minority completed",
    "many-clients, 1, not linearizable",
    "many-clients, 2, not linearizable",
    "many-clients, 6, not linearizable",
  })
  void aLeaderThatAnswersGetsFromItsOwnMapReadsStaleValuesOnceDeposed(String scenario, long seed, String reason) {
    assertCaught(BrokenServers.READING_LOCALLY_AT_THE_LEADER, scenario, seed, reason);
  }

  @ParameterizedTest(name = "{0} from seed {1}")
  @CsvSource({
    "fig5c-many, 1, STALE",
    "fig5c-many, 3, STALE",
    "unreliable-many, 1, get wrong value",
    "unreliable-many, 2, get wrong value",
    "one-partition, 1, Get(1) in the minority completed",
    "many-clients, 1, not linearizable",
    "many-clients, 2, not linearizable",
  })
  void aFollowerThatAnswersGetsFromItsOwnMapReadsStaleValues(String scenario, long seed, String reason) {
    assertCaught(BrokenServers.READING_LOCALLY_ANYWHERE, scenario, seed, reason);
  }

  @ParameterizedTest(name = "{0} from seed {1}")
  @CsvSource({
    // The decided-prefix invariant sees the lost state at the first restart, before any client could.
    "persist-one, 1, invariant 'decided prefix immutable'",
    "persist-many, 1, invariant 'decided prefix immutable'",
    "persist-partitions-unreliable, 1, invariant 'decided prefix immutable'",
  })
  void aServerThatForgetsToPersistLosesTheValuesWhenEveryServerCrashes(String scenario, long seed, String reason) {
    assertCaught(BrokenServers.FORGETTING_TO_PERSIST, scenario, seed, reason);
  }

  /** Seeds tried from the listed one on: which seed exposes a bug shifts when the protocol's timing does. */
  private static final int SEEDS_TRIED = 10;

  /**
   * The scenario catches {@code broken} with {@code reason} on {@code seed} or one of the next seeds,
   * and the reference passes that seed (so the failure is the broken server's, not the scenario's).
   */
  private static void assertCaught(BrokenServers broken, String name, long seed, String reason) {
    Scenario scenario = CATALOG.require(name);
    Pattern wanted = Pattern.compile(reason.equals("STALE") ? STALE_READ : Pattern.quote(reason));
    StringBuilder tried = new StringBuilder();
    for (long s = seed; s < seed + SEEDS_TRIED; s++) {
      ScenarioResult result = broken.runner().run(scenario, s);
      tried.append("\n  seed ").append(s).append(": ").append(result.passed() ? "passed" : result.failure().describe().lines()
          .findFirst().orElse(""));
      if (!result.passed() && wanted.matcher(result.failure().describe()).find()) {
        ScenarioResult correct = REFERENCE.run(scenario, s);
        assertTrue(correct.passed(), () -> "the reference server must pass " + correct.replayCommand()
            + " for this seed to show anything, but: " + correct.failure());
        return;
      }
    }
    fail("a server " + broken + " is not caught by " + name + " with '" + reason + "' on seeds " + seed + ".."
        + (seed + SEEDS_TRIED - 1) + ":" + tried);
  }
}
