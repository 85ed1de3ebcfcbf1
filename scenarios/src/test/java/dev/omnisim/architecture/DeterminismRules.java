package dev.omnisim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The determinism rules of DESIGN.md as ArchUnit rules. "Simulated code" is everything that runs
 * inside a simulation: the kernel, OmniPaxos, the key-value service and the scenarios module except
 * its command line and benchmarks (which time real runs and run many simulations in parallel).
 */
final class DeterminismRules {
  private DeterminismRules() {}

  static final String[] SIMULATED = {
    "dev.omnisim.sim..", "dev.omnisim.consensus..", "dev.omnisim.omnipaxos..", "dev.omnisim.kvpaxos..",
    "dev.omnisim.scenarios.."
  };
  static final String[] OUTSIDE_SIMULATION = {"dev.omnisim.scenarios.cli..", "dev.omnisim.scenarios.bench..",
    // grading starts child JVMs with wall-clock limits and runs them in parallel; the simulations run inside them
    "dev.omnisim.scenarios.grading.."};

  /** Rule 1: one thread per simulation. */
  static final ArchRule NO_THREADS = noClasses()
      .that().resideInAnyPackage(SIMULATED).and().resideOutsideOfPackages(OUTSIDE_SIMULATION)
      .should().dependOnClassesThat().belongToAnyOf(
          Thread.class, ThreadGroup.class, java.util.Timer.class, java.util.concurrent.Executors.class,
          java.util.concurrent.ExecutorService.class, java.util.concurrent.ForkJoinPool.class,
          java.util.concurrent.CompletableFuture.class, java.util.concurrent.ScheduledExecutorService.class)
      .because("a simulation runs on one thread: threads make the order of events depend on the OS scheduler");

  /** Rule 3: no wall clock. */
  static final ArchRule NO_WALL_CLOCK = noClasses()
      .that().resideInAnyPackage(SIMULATED).and().resideOutsideOfPackages(OUTSIDE_SIMULATION)
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(java.time.Instant.class, "now")
      .orShould().callMethod(java.time.LocalDateTime.class, "now")
      .orShould().callMethod(java.time.LocalTime.class, "now")
      .orShould().callMethod(java.time.ZonedDateTime.class, "now")
      .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class)
      .because("simulated code reads virtual time from its context, never the wall clock");

  /** Rule 3: no unseeded randomness. */
  static final ArchRule NO_UNSEEDED_RANDOMNESS = noClasses()
      .that().resideInAnyPackage(SIMULATED).and().resideOutsideOfPackages(OUTSIDE_SIMULATION)
      .should().callMethod(Math.class, "random")
      .orShould().callMethod(java.util.UUID.class, "randomUUID")
      .orShould().callConstructor(java.util.Random.class)
      .orShould().dependOnClassesThat().belongToAnyOf(
          java.util.concurrent.ThreadLocalRandom.class, java.security.SecureRandom.class,
          java.util.SplittableRandom.class)
      .because("every random draw comes from a stream derived from the run's seed (DeterministicRandom)");

  /** Rule 4: no collections whose iteration order changes from one JVM start to the next. */
  static final ArchRule NO_UNORDERED_FACTORIES = noClasses()
      .that().resideInAnyPackage(SIMULATED).and().resideOutsideOfPackages(OUTSIDE_SIMULATION)
      .should().callMethod(java.util.Set.class, "of", Object[].class)
      .orShould().callMethodWhere(setOrMapFactory())
      .orShould().dependOnClassesThat().belongToAnyOf(java.util.IdentityHashMap.class)
      .orShould().callMethod(System.class, "identityHashCode", Object.class)
      .because("Set.of/Map.of and identity hashes iterate in an order that changes per JVM start");

  /** Rule 2: no static mutable state anywhere (simulations run in parallel threads). */
  static final ArchRule NO_STATIC_MUTABLE_STATE = fields()
      .that().areDeclaredInClassesThat().resideInAPackage("dev.omnisim..")
      .and().areDeclaredInClassesThat().resideOutsideOfPackage("..jmh_generated..") // JMH's own harness
      .and().areStatic()
      .should(beFinalAndOfAnImmutableKind())
      .because("many simulations run in parallel threads and must not share state");

  /** Enum constants are shared by every simulation: their fields must not change. */
  static final ArchRule ENUMS_ARE_IMMUTABLE = fields()
      .that().areDeclaredInClassesThat(enums())
      .and().areDeclaredInClassesThat().resideInAPackage("dev.omnisim..")
      .and().areNotStatic()
      .should().beFinal()
      .because("an enum constant is a global: a mutable field in it is static mutable state");

  /** DESIGN.md's module map: arrows point one way. */
  static final ArchRule LAYERS = classes()
      .that().resideInAPackage("dev.omnisim.sim..")
      .should().onlyDependOnClassesThat().resideOutsideOfPackages(
          "dev.omnisim.consensus..", "dev.omnisim.omnipaxos..", "dev.omnisim.kvpaxos..", "dev.omnisim.lincheck..",
          "dev.omnisim.scenarios..")
      .because("the kernel depends on nothing of ours");

  static final ArchRule CONTRACT_STANDS_ALONE = noClasses()
      .that().resideInAPackage("dev.omnisim.consensus..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.omnisim.sim..", "dev.omnisim.omnipaxos..",
          "dev.omnisim.kvpaxos..", "dev.omnisim.lincheck..", "dev.omnisim.scenarios..")
      .because("the consensus contract is what every protocol implements: it depends on nothing of ours");

  static final ArchRule KV_KNOWS_ONLY_THE_CONTRACT = noClasses()
      .that().resideInAPackage("dev.omnisim.kvpaxos..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.omnisim.omnipaxos..")
      .because("the key-value service runs over any consensus protocol, through the contract alone");

  static final ArchRule OMNIPAXOS_STANDS_ALONE = noClasses()
      .that().resideInAPackage("dev.omnisim.omnipaxos..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.omnisim.sim..", "dev.omnisim.kvpaxos..", "dev.omnisim.lincheck..", "dev.omnisim.scenarios..")
      .because("OmniPaxos is a sans-IO library someone could take alone");

  static final ArchRule CHECKER_STANDS_ALONE = noClasses()
      .that().resideInAPackage("dev.omnisim.lincheck..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.omnisim.sim..", "dev.omnisim.omnipaxos..", "dev.omnisim.kvpaxos..", "dev.omnisim.scenarios..")
      .because("the checker is a library someone could take alone");

  static final ArchRule KV_BELOW_SCENARIOS = noClasses()
      .that().resideInAPackage("dev.omnisim.kvpaxos..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.omnisim.scenarios..", "dev.omnisim.lincheck..")
      .because("the key-value service uses only the consensus contract and the kernel");

  private static DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall> setOrMapFactory() {
    return new DescribedPredicate<>("Set.of/Map.of/Map.ofEntries") {
      @Override
      public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return (owner.equals("java.util.Set") && name.equals("of"))
            || (owner.equals("java.util.Map") && (name.equals("of") || name.equals("ofEntries")));
      }
    };
  }

  private static DescribedPredicate<JavaClass> enums() {
    return new DescribedPredicate<>("enums") {
      @Override
      public boolean test(JavaClass c) {
        return c.isEnum();
      }
    };
  }

  /** Mutable kinds a static final field may not hold: arrays and the JDK's mutable containers. */
  private static ArchCondition<JavaField> beFinalAndOfAnImmutableKind() {
    return new ArchCondition<>("be final and not hold an array, a mutable collection, a random source or an atomic") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        if (field.getName().equals("$VALUES") || field.getName().startsWith("$SwitchMap")
            || field.getName().equals("$assertionsDisabled")) {
          return; // written by javac for enums, switches and asserts
        }
        JavaClass type = field.getRawType();
        String typeName = type.getName();
        boolean mutableKind = type.isArray()
            || typeName.startsWith("java.util.concurrent.atomic.")
            || typeName.equals("java.util.Random")
            || typeName.equals("java.lang.StringBuilder")
            || (typeName.startsWith("java.util.") && !type.isInterface() && isMutableCollection(type));
        if (!field.getModifiers().contains(JavaModifier.FINAL)) {
          events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is static and not final"));
        } else if (mutableKind) {
          events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is static and holds a mutable "
              + type.getSimpleName()));
        }
      }
    };
  }

  private static boolean isMutableCollection(JavaClass type) {
    return type.isAssignableTo(java.util.Collection.class) || type.isAssignableTo(java.util.Map.class);
  }
}
