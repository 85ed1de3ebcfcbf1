package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioFailure;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.NetworkPreset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run report reaches people two ways: {@code run --report FILE.html}, and run.html in a failure's evidence. */
class RunReportWiringTest {

  @Test
  void runWritesTheReportOfAPassingRunWhenAsked(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("reports/unreliable.html");
    int status = OmnisimCommand.execute("run", "unreliable", "--seed", "7", "--report", report.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, status, "the run passes");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(html.contains("<code id=\"replay\">./omnisim run unreliable --seed 7</code>"));
    assertTrue(html.contains("id=\"run-data\""), "the diagram's data is embedded");
    assertTrue(html.contains("\"ev\":[0,"), "with the recorded trace");
    assertFalse(Files.exists(dir.resolve("out/unreliable-seed7")), "a passing run leaves no evidence folder");
  }

  @Test
  void aFailingRunsEvidenceHoldsItsRunReport(@TempDir Path dir) throws Exception {
    // A scenario that does a little real work and then fails its own check.
    Scenario failing = new Scenario("fails-after-a-put", "Fails after a put", "one put, then a failed check", 3,
        NetworkPreset.RELIABLE, 0, (cluster, random) -> {
          KvClerk clerk = cluster.makeClerk();
          boolean[] done = {false};
          clerk.put("k", "v", () -> done[0] = true);
          cluster.runUntil(() -> done[0], 5_000_000);
          throw new ScenarioFailure("expected <nothing> & got a put");
        });
    ScenarioRunner runner = ScenarioRunner.reference();
    ScenarioResult result = runner.run(failing, 11);
    assertFalse(result.passed());
    CommandLine.Model.CommandSpec spec = new CommandLine(new RunCommand()).getCommandSpec();
    Path folder = FailureArtifacts.prepare(spec, dir).write(runner, result, "./omnisim run --schedule s.json --seed 11");

    String html = Files.readString(folder.resolve("run.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("expected &lt;nothing&gt; &amp; got a put"), "the failure, escaped");
    assertTrue(html.contains("./omnisim run --schedule s.json --seed 11"), "the replay command the caller gave");
    assertTrue(html.contains("[0,\"server 0\"]") && html.contains("[3,\"client "), "lanes from the replay's trace");
    assertTrue(Files.exists(folder.resolve("report.html")) && Files.exists(folder.resolve("trace.txt")));
  }
}
