package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnisim.scenarios.cli.CommandRun;
import dev.omnisim.scenarios.grading.fixtures.DefaultsSubmission;
import dev.omnisim.scenarios.grading.fixtures.ReferenceSubmission;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --protocol NAME} with a submission: a submission of the key-value layer runs over the named protocol
 * instead of the reference's OmniPaxos — graded, run and replayed so — and a submission that implements {@code
 * consensus()} itself refuses it as bad input. Raft shows which protocol ran: the constrained election ({@code
 * fig5b-one}) deadlocks under Raft (the paper's Table 1) and passes under OmniPaxos, whatever the key-value layer.
 */
class GradeOverAnotherProtocolTest {
  @TempDir Path temp;

  private static CommandRun omnisim(String... args) {
    return CommandRun.viaSystemStreams(args);
  }

  private Path rubric() throws Exception {
    Path rubric = temp.resolve("two.json");
    Files.writeString(rubric, """
        {"name": "two", "seeds": 1, "scenarios": [
          {"scenario": "basic-one", "points": 10},
          {"scenario": "fig5b-one", "points": 10}]}
        """);
    return rubric;
  }

  @Test
  void aKeyValueLayerIsGradedOverTheNamedProtocol() throws Exception {
    Path jar = SubmissionJars.jar(temp.resolve("subs"), "kv-layer", DefaultsSubmission.class);
    Path overRaft = temp.resolve("over-raft");
    CommandRun raft = omnisim("grade", "--submission", jar.toString(), "--rubric", rubric().toString(), "--protocol", "raft",
        "--jobs", "2", "--out", overRaft.toString());
    assertEquals(1, raft.status(), raft.out() + raft.err());
    assertTrue(raft.out().contains("grading " + jar + " over raft:") && raft.out().contains("(kv-layer, over raft,"),
        raft.out());
    JsonNode grade = new ObjectMapper().readTree(overRaft.resolve(GradeReports.JSON).toFile());
    assertEquals("raft", grade.get("protocol").asText());
    assertEquals(10, grade.get("scenarios").get(0).get("points").asInt(), "basic-one passes over Raft");
    JsonNode fig5b = grade.get("scenarios").get(1);
    assertEquals(0, fig5b.get("points").asInt(), "Raft deadlocks in the constrained election");
    assertTrue(fig5b.get("runs").get(0).get("replay").asText().endsWith(" --protocol raft"), fig5b.toString());
    assertTrue(Files.readString(overRaft.resolve(GradeReports.MARKDOWN)).contains("ran over `raft`"));

    // The same submission over the default protocol: full marks, so the points lost above were Raft's.
    Path overOmniPaxos = temp.resolve("over-omnipaxos");
    CommandRun omni = omnisim("grade", "--submission", jar.toString(), "--rubric", rubric().toString(), "--jobs", "2",
        "--out", overOmniPaxos.toString());
    assertEquals(0, omni.status(), omni.out() + omni.err());
    assertEquals("omnipaxos", new ObjectMapper().readTree(overOmniPaxos.resolve(GradeReports.JSON).toFile())
        .get("protocol").asText());
  }

  @Test
  void runReplaysAGradedFailureOverTheSameProtocol() throws Exception {
    Path jar = SubmissionJars.jar(temp, "kv-layer", DefaultsSubmission.class);
    CommandRun failed = omnisim("run", "fig5b-one", "--seed", "1", "--submission", jar.toString(), "--protocol", "raft",
        "--out", temp.resolve("out").toString());
    assertEquals(1, failed.status(), failed.out() + failed.err());
    assertTrue(failed.out().contains("replay:   ./omnisim run fig5b-one --seed 1 --submission " + jar + " --protocol raft"),
        failed.out());
    CommandRun passed = omnisim("run", "fig5b-one", "--seed", "1", "--submission", jar.toString(), "--out",
        temp.resolve("out").toString());
    assertEquals(0, passed.status(), passed.out() + passed.err());
  }

  @Test
  void aSubmissionWithItsOwnConsensusRefusesAnotherProtocol() throws Exception {
    Path jar = SubmissionJars.jar(temp, "whole", ReferenceSubmission.class);
    Path out = temp.resolve("out");
    for (String[] args : new String[][] {
        {"grade", "--submission", jar.toString(), "--protocol", "raft", "--out", out.toString()},
        {"run", "basic-one", "--submission", jar.toString(), "--protocol", "raft", "--out", out.toString()},
        {"fuzz", "--count", "1", "--submission", jar.toString(), "--protocol", "raft", "--out", out.toString()}}) {
      CommandRun r = omnisim(args);
      assertEquals(2, r.status(), String.join(" ", args) + ": " + r.out() + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("implements consensus() itself, so --protocol raft does not apply"), r.err());
      assertFalse(Files.exists(out.resolve(GradeReports.JSON)), "nothing graded");
    }
    // Checked without running the submission's code, and only for another protocol than the default.
    SubmissionLoader.requireProtocolApplies(jar, "omnipaxos", jar.toString());
    assertThrows(SubmissionLoader.SubmissionException.class, () -> SubmissionLoader.requireProtocolApplies(jar, "vr", jar.toString()));
    assertFalse(SubmissionLoader.bringsItsOwnConsensus(DefaultsSubmission.class));
  }
}
