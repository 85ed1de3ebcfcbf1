package dev.omnisim.scenarios.junit;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The engine behind {@link SimulationTest}: one invocation per seed, each with its own
 * {@link SimulationRun}. Which seeds run is the annotation's, unless a configuration parameter (or
 * system property) overrides it; a malformed one fails the test with one line naming it and its value.
 */
public final class SimulationTestExtension implements TestTemplateInvocationContextProvider {
  /** Runs this one seed instead of the annotation's: what the printed replay command sets. */
  public static final String SEED = "omnisim.seed";
  /** Runs these seeds instead of the annotation's: {@code A..B} (both included) or {@code 3,17,40}. */
  public static final String SEEDS = "omnisim.seeds";
  /** The folder under which each failing seed's evidence goes. */
  public static final String EVIDENCE = "omnisim.evidence";
  /** The evidence folder unless {@value #EVIDENCE} says otherwise: Maven's and Gradle's build folders. */
  public static final String DEFAULT_EVIDENCE = "target/omnisim-evidence";
  /** The most seeds one test method runs: a typo like {@code 1..10000000000} fails instead of running for days. */
  static final long MAX_SEEDS = 1_000_000;

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, SimulationTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    SimulationTest spec = AnnotationSupport.findAnnotation(method, SimulationTest.class).orElseThrow();
    String where = "@SimulationTest on " + testName(context);
    List<Long> seeds = seeds(spec, where, context);
    Path evidenceRoot = Path.of(context.getConfigurationParameter(EVIDENCE).orElse(DEFAULT_EVIDENCE));
    String className = context.getRequiredTestClass().getName();
    return seeds.stream().map(seed -> new SeedInvocation(new SimulationRun(seed, testName(context),
        replayCommand(className, method.getName(), seed),
        evidenceRoot.resolve(testName(context) + "-seed" + seed).toAbsolutePath())));
  }

  /** The seeds to run: a configuration parameter's if one is set, else the annotation's. */
  static List<Long> seeds(SimulationTest spec, String where, ExtensionContext context) {
    Optional<String> one = context.getConfigurationParameter(SEED).map(String::strip);
    if (one.isPresent()) {
      return List.of(parseSeed(one.get(), SEED, one.get()));
    }
    Optional<String> many = context.getConfigurationParameter(SEEDS).map(String::strip);
    if (many.isPresent()) {
      return parseSeeds(many.get());
    }
    if (spec.seeds().length > 0) {
      return LongStream.of(spec.seeds()).boxed().toList();
    }
    if (spec.count() < 1 || spec.count() > MAX_SEEDS) {
      throw new ExtensionConfigurationException(where + ": count must be between 1 and " + MAX_SEEDS + ", was "
          + spec.count());
    }
    if (spec.firstSeed() > Long.MAX_VALUE - spec.count() + 1) {
      throw new ExtensionConfigurationException(where + ": firstSeed " + spec.firstSeed() + " plus count "
          + spec.count() + " runs past the largest seed");
    }
    return LongStream.range(0, spec.count()).map(i -> spec.firstSeed() + i).boxed().toList();
  }

  private static List<Long> parseSeeds(String text) {
    int dots = text.indexOf("..");
    if (dots >= 0) {
      long first = parseSeed(text.substring(0, dots), SEEDS, text);
      long last = parseSeed(text.substring(dots + 2), SEEDS, text);
      // last - first cannot overflow an unsigned long once last >= first.
      if (last < first || Long.compareUnsigned(last - first, MAX_SEEDS) >= 0) {
        throw new ExtensionConfigurationException(SEEDS + ": '" + text + "' is not a range A..B with A <= B and at most "
            + MAX_SEEDS + " seeds");
      }
      return LongStream.rangeClosed(first, last).boxed().toList();
    }
    List<Long> seeds = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      seeds.add(parseSeed(part, SEEDS, text));
    }
    return List.copyOf(seeds);
  }

  private static long parseSeed(String text, String parameter, String whole) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new ExtensionConfigurationException(parameter + ": '" + whole + "' is not "
          + (parameter.equals(SEED) ? "a seed (a whole number)" : "A..B or a comma list of seeds (whole numbers)"));
    }
  }

  /** The test as the evidence folder and the messages name it: {@code SimpleClass.method}. */
  private static String testName(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    String name = testClass.getName();
    String simple = testClass.getPackageName().isEmpty() ? name : name.substring(testClass.getPackageName().length() + 1);
    return simple + "." + context.getRequiredTestMethod().getName();
  }

  /** Maven's command that reruns only {@code seed} of this method (the wrapper when the project has one). */
  static String replayCommand(String className, String methodName, long seed) {
    String maven = Files.exists(Path.of("mvnw")) ? "./mvnw" : "mvn";
    return maven + " test -Dtest='" + className + "#" + methodName + "' -D" + SEED + "=" + seed;
  }

  /** One seed's run of the method: named by its seed, with its {@link SimulationRun}. */
  private record SeedInvocation(SimulationRun run) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "seed " + run.seed();
    }

    @Override
    public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
      return List.of(new SeedRunner(run));
    }
  }
}
