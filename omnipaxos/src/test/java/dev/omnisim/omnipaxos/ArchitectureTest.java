package dev.omnisim.omnipaxos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The library's determinism and dependency rules (DESIGN.md), checked rather than hoped for. */
class ArchitectureTest {

  /** Only the module's own main classes: scanning the whole class path is slow on a busy machine. */
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importLocations(java.util.Set.of(com.tngtech.archunit.core.importer.Location.of(
          OmniPaxos.class.getProtectionDomain().getCodeSource().getLocation())));

  @Test
  @DisplayName("the library depends on nothing but the consensus contract and the JDK")
  void dependsOnNothing() {
    noClasses().should().dependOnClassesThat().resideOutsideOfPackages("dev.omnisim.omnipaxos..", "dev.omnisim.consensus..", "java..")
        .check(MAIN);
  }

  @Test
  @DisplayName("no threads, no clocks, no unseeded randomness, no Java serialization")
  void deterministic() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
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
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields().that().areStatic().should().beFinal().check(MAIN);
  }
}
