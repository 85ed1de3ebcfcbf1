package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A failing run leaves its evidence: what failed and how to replay it, the history the checker read,
 * and the trace of the replayed seed. The command line always runs the reference servers, so a
 * failing run comes from a broken server given to the runner here.
 */
class FailureArtifactsTest {
  @TempDir Path out;

  private static CommandLine.Model.CommandSpec spec() {
    return OmnisimCommand.commandLine().getCommandSpec();
  }

  @Test
  void aFailingRunWritesItsFailureHistoryAndTraceIntoAFolderNamedByScenarioAndSeed() throws Exception {
    ScenarioRunner runner = BrokenServers.WITHOUT_DUPLICATE_DETECTION.runner();
    ScenarioResult result = runner.run(new Catalog().require("one-key-concurrent-appends"), 1);
    assertFalse(result.passed(), "the broken server must fail for this test to show anything");

    Path folder = FailureArtifacts.prepare(spec(), out).write(runner, result);

    assertEquals(out.resolve("one-key-concurrent-appends-seed1"), folder);
    String failure = Files.readString(folder.resolve("failure.txt"), StandardCharsets.UTF_8);
    assertTrue(failure.contains("scenario:    one-key-concurrent-appends"), failure);
    assertTrue(failure.contains("seed:        1"), failure);
    assertTrue(failure.contains("fingerprint: " + result.fingerprint()), failure);
    assertTrue(failure.contains("replay:      ./omnisim run one-key-concurrent-appends --seed 1"), failure);
    assertTrue(failure.contains(result.failure().describe()), "failure.txt must say why the run failed:\n" + failure);
    assertFalse(failure.contains("WARNING"), "the replay must reproduce the run:\n" + failure);

    var history = HistoryFormat.JSONL.read(folder.resolve("history.jsonl"), ModelSpec.named("kv").orElseThrow().codec());
    assertEquals(result.history().size(), history.size(), "history.jsonl must hold every operation of the run");

    List<String> trace = Files.readAllLines(folder.resolve("trace.txt"), StandardCharsets.UTF_8);
    assertTrue(trace.size() > result.ops(), "trace.txt must hold the replayed events, had " + trace.size() + " lines");
  }

  @Test
  void anOutFolderThatIsARegularFileIsRejectedBeforeAnyRun() throws Exception {
    Path file = Files.writeString(out.resolve("a-file"), "not a folder");
    CommandLine.ParameterException e =
        assertThrows(CommandLine.ParameterException.class, () -> FailureArtifacts.prepare(spec(), file));
    assertTrue(e.getMessage().contains("cannot write to out folder '" + file + "'"), e.getMessage());
  }
}
