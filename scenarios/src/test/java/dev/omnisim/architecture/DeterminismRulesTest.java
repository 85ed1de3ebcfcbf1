package dev.omnisim.architecture;

import dev.omnisim.consensus.archfixtures.ContractOnTheKernel;
import dev.omnisim.kvpaxos.archfixtures.KvServiceOnOmniPaxosInternals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.omnisim.scenarios.archfixtures.UsesIdentityOrder;
import dev.omnisim.scenarios.archfixtures.UsesStaticState;
import dev.omnisim.scenarios.archfixtures.UsesThreads;
import dev.omnisim.scenarios.archfixtures.UsesWallClockAndRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's determinism rules hold in all main code, and each rule catches what it names. */
class DeterminismRulesTest {
  private static JavaClasses mainCode;

  @BeforeAll
  static void importMainCode() {
    mainCode = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.omnisim");
  }

  @Test
  void simulatedCodeStartsNoThreads() {
    DeterminismRules.NO_THREADS.check(mainCode);
  }

  @Test
  void simulatedCodeReadsNoWallClock() {
    DeterminismRules.NO_WALL_CLOCK.check(mainCode);
  }

  @Test
  void simulatedCodeUsesOnlySeededRandomness() {
    DeterminismRules.NO_UNSEEDED_RANDOMNESS.check(mainCode);
  }

  @Test
  void simulatedCodeIteratesNoUnorderedCollections() {
    DeterminismRules.NO_UNORDERED_FACTORIES.check(mainCode);
  }

  @Test
  void noCodeKeepsStaticMutableState() {
    DeterminismRules.NO_STATIC_MUTABLE_STATE.check(mainCode);
    DeterminismRules.ENUMS_ARE_IMMUTABLE.check(mainCode);
  }

  @Test
  void modulesDependOneWay() {
    DeterminismRules.LAYERS.check(mainCode);
    DeterminismRules.OMNIPAXOS_STANDS_ALONE.allowEmptyShould(true).check(mainCode);
    DeterminismRules.CHECKER_STANDS_ALONE.allowEmptyShould(true).check(mainCode);
    DeterminismRules.KV_BELOW_SCENARIOS.allowEmptyShould(true).check(mainCode);
    DeterminismRules.CONTRACT_STANDS_ALONE.check(mainCode);
    DeterminismRules.KV_KNOWS_ONLY_THE_CONTRACT.check(mainCode);
  }

  @Test
  void layerRulesCatchTheContractOrTheKeyValueServiceReachingIntoOmniPaxos() {
    assertViolated(DeterminismRules.KV_KNOWS_ONLY_THE_CONTRACT, KvServiceOnOmniPaxosInternals.class);
    assertViolated(DeterminismRules.CONTRACT_STANDS_ALONE, ContractOnTheKernel.class);
  }

  // ---- each rule can fail: fixtures in a simulated-looking package break them on purpose ----------

  @Test
  void threadRuleCatchesAThread() {
    assertViolated(DeterminismRules.NO_THREADS, UsesThreads.class);
  }

  @Test
  void clockAndRandomRulesCatchWallClockAndUnseededRandom() {
    assertViolated(DeterminismRules.NO_WALL_CLOCK, UsesWallClockAndRandom.class);
    assertViolated(DeterminismRules.NO_UNSEEDED_RANDOMNESS, UsesWallClockAndRandom.class);
  }

  @Test
  void orderRuleCatchesSetOfAndIdentityHashes() {
    assertViolated(DeterminismRules.NO_UNORDERED_FACTORIES, UsesIdentityOrder.class);
  }

  @Test
  void staticStateRulesCatchMutableStatics() {
    assertViolated(DeterminismRules.NO_STATIC_MUTABLE_STATE, UsesStaticState.class);
    assertViolated(DeterminismRules.ENUMS_ARE_IMMUTABLE, UsesStaticState.Counter.class);
  }

  private static void assertViolated(ArchRule rule, Class<?> fixture) {
    JavaClasses bad = new ClassFileImporter().importClasses(fixture);
    assertThrows(AssertionError.class, () -> rule.check(bad), () -> rule.getDescription() + " missed " + fixture);
  }
}
