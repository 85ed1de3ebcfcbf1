package dev.omnisim.scenarios.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per seed, each run a test of its own named {@code seed N}. The
 * method may take a {@code long} (the seed) or a {@link SimulationRun} (the seed, plus a place to
 * record the run's result, schedule and other evidence). When a seed fails, the extension prints
 * the seed, the command that reruns only that seed, and the folder it wrote the evidence to:
 *
 * <pre>{@code
 * @SimulationTest(count = 20)
 * void survivesAnUnreliableNetwork(SimulationRun run) {
 *   run.assertPassed(runner.run(Catalog.find("unreliable").orElseThrow(), run.seed()));
 * }
 * }</pre>
 *
 * <p>Three configuration parameters (JUnit's, so also system properties, e.g. {@code -Domnisim.seed=17}
 * on Maven's command line) override what the annotation says: {@value SimulationTestExtension#SEED}
 * runs one seed (the replay), {@value SimulationTestExtension#SEEDS} runs {@code A..B} or a comma
 * list (a longer campaign), and {@value SimulationTestExtension#EVIDENCE} names the evidence folder
 * (default {@value SimulationTestExtension#DEFAULT_EVIDENCE}).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(SimulationTestExtension.class)
public @interface SimulationTest {
  /** The seeds to run, in this order; when empty, {@link #count()} consecutive seeds from {@link #firstSeed()}. */
  long[] seeds() default {};

  /** The first seed, when {@link #seeds()} is empty. */
  long firstSeed() default 1;

  /** How many consecutive seeds to run, when {@link #seeds()} is empty; at least 1. */
  int count() default 10;
}
