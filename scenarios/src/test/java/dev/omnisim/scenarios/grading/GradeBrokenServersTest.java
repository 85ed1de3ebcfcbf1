package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.cli.OmnisimCommand;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import dev.omnisim.scenarios.BrokenServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each broken server of {@link BrokenServers}, handed in as a jar, loses exactly the points of the lab
 * scenarios that catch it on the seeds graded (see {@code BrokenServersAreCaughtTest}), and no others.
 * Seeds 1..2 here, to keep the test short; on the default seeds 1..3 (measured with the command line)
 * a server reading locally anywhere also loses fig5b-one and fig5b-many, which only seed 3 catches.
 */
class GradeBrokenServersTest {
  @TempDir Path temp;

  @Test
  void aBatchOfBrokenServersLosesThePointsOfTheScenariosThatCatchThem() throws Exception {
    Path subs = temp.resolve("submissions");
    SubmissionJars.jar(subs, "no-duplicate-detection", BrokenSubmissions.NoDuplicateDetection.class, BrokenServers.class);
    SubmissionJars.jar(subs, "local-reads-at-the-leader", BrokenSubmissions.LocalReadsAtTheLeader.class, BrokenServers.class);
    SubmissionJars.jar(subs, "local-reads-anywhere", BrokenSubmissions.LocalReadsAnywhere.class, BrokenServers.class);
    Path out = temp.resolve("out");

    int status = OmnisimCommand.execute("grade", "--submissions", subs.toString(), "--seeds", "2", "--out", out.toString());

    assertEquals(0, status);
    List<String> gradebook = Files.readAllLines(out.resolve(GradeReports.GRADEBOOK));
    assertEquals(List.of(
        "submission,score,max,basic-one,basic-many,unreliable,fig5a-one,fig5a-many,fig5b-one,fig5b-many,fig5c-one,fig5c-many,persist-one,persist-many",
        // a Get answered from a follower's map: stale wherever a follower lags (the chained scenarios)
        "local-reads-anywhere,90,110,10,10,10,10,10,10,10,0,0,10,10",
        // a Get answered by a deposed leader: stale in the constrained election
        "local-reads-at-the-leader,90,110,10,10,10,10,10,0,0,10,10,10,10",
        // a retried Append applied twice: seed 2 of unreliable loses a reply
        "no-duplicate-detection,100,110,10,10,0,10,10,10,10,10,10,10,10"), gradebook);
    for (String name : List.of("no-duplicate-detection", "local-reads-at-the-leader", "local-reads-anywhere")) {
      assertTrue(Files.isRegularFile(out.resolve(name).resolve(GradeReports.MARKDOWN)), name);
    }
    String md = Files.readString(out.resolve("no-duplicate-detection").resolve(GradeReports.MARKDOWN));
    assertTrue(md.contains("### `unreliable`, seed 2"), md);
    assertTrue(md.contains("get wrong value"), md);
    assertTrue(md.contains("./omnisim run unreliable --seed 2 --submission " + subs.resolve("no-duplicate-detection.jar")), md);
  }

  @Test
  void aServerThatForgetsToPersistPassesTheLabsPersistScenariosButNotTheExtendedOne() throws Exception {
    Path jar = SubmissionJars.jar(temp, "forgets-to-persist", BrokenSubmissions.ForgetsToPersist.class, BrokenServers.class);
    Path rubric = temp.resolve("persistence.json");
    Files.writeString(rubric, """
        {"name": "persistence", "seeds": 2, "scenarios": [
          {"scenario": "persist-one", "points": 10},
          {"scenario": "persist-many", "points": 10},
          {"scenario": "persist-partitions-unreliable", "points": 20}]}
        """);
    Path out = temp.resolve("out");

    int status = OmnisimCommand.execute("grade", "--submission", jar.toString(), "--rubric", rubric.toString(),
        "--out", out.toString());

    assertEquals(1, status, "points were lost");
    String json = Files.readString(out.resolve(GradeReports.JSON));
    assertTrue(json.contains("\"score\" : 20,"), json);
    assertTrue(json.contains("\"max\" : 40,"), json);
    String md = Files.readString(out.resolve(GradeReports.MARKDOWN));
    assertTrue(md.contains("| `persist-one` | Persist One Client | 10 / 10 | 2 of 2 |"), md);
    assertTrue(md.contains("| `persist-partitions-unreliable` | Persist Partitions Unreliable | 0 / 20 | 0 of 2 ✗ |"), md);
    assertTrue(md.contains("after every server crashed and restarted"), md);
  }
}
