package dev.omnisim.scenarios.junit;

import java.io.PrintStream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * What one seed's invocation adds to JUnit: it hands the method its seed or its {@link SimulationRun},
 * and when the method fails it writes the evidence and says where, with the seed and the replay
 * command, on standard error and on the failure itself (as a suppressed note, so IDEs and Surefire's
 * report show it next to the stack trace). The failure is rethrown unchanged.
 */
final class SeedRunner implements ParameterResolver, TestExecutionExceptionHandler {
  private final SimulationRun run;

  SeedRunner(SimulationRun run) {
    this.run = run;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SimulationRun.class || type == long.class || type == Long.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SimulationRun.class ? run : (Object) run.seed();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    String evidence = run.writeEvidence(failure);
    String notice = run.testName() + " failed with seed " + run.seed()
        + "\n  replay:   " + run.replayCommand()
        + "\n  evidence: " + evidence;
    PrintStream err = System.err;
    err.println("omnisim: " + notice);
    err.flush();
    failure.addSuppressed(new FailedSeed(notice));
    throw failure;
  }

  /** The note added to a failure: the seed, the replay command and the evidence folder, without a stack trace. */
  static final class FailedSeed extends RuntimeException {
    FailedSeed(String notice) {
      super(notice, null, false, false);
    }

    @Override
    public String toString() {
      return "omnisim: " + getMessage();
    }
  }
}
