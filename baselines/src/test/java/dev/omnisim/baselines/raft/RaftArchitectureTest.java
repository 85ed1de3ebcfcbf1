package dev.omnisim.baselines.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The determinism and dependency rules (DESIGN.md) on the Raft package's main classes. */
class RaftArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importLocations(java.util.Set.of(com.tngtech.archunit.core.importer.Location.of(
          Raft.class.getProtectionDomain().getCodeSource().getLocation())))
      .that(com.tngtech.archunit.base.DescribedPredicate.describe("in the raft package",
          c -> c.getPackageName().startsWith("dev.omnisim.baselines.raft")));

  @Test
  @DisplayName("Raft depends on nothing but the consensus contract and the JDK")
  void dependsOnNothing() {
    noClasses().should().dependOnClassesThat()
        .resideOutsideOfPackages("dev.omnisim.baselines.raft..", "dev.omnisim.consensus..", "java..")
        .check(MAIN);
  }

  @Test
  @DisplayName("no threads, no clocks, no unseeded randomness, no identity-ordered collections")
  void deterministic() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.HashMap")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.HashSet")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Math.class, "random")
        .check(MAIN);
  }

  @Test
  @DisplayName("no static mutable state: static fields are final")
  void noStaticMutableState() {
    fields().that().areStatic().should().beFinal().check(MAIN);
  }
}
