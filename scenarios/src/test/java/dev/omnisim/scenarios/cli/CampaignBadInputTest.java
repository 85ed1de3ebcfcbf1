package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.campaign.BuildInfo;
import dev.omnisim.scenarios.campaign.SeedLog;
import dev.omnisim.scenarios.campaign.SeedRecord;
import dev.omnisim.scenarios.campaign.ShardManifest;
import dev.omnisim.scenarios.campaign.ShardSpec;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to fuzz shards and to {@code campaign merge} is one line on standard error and exit status 2, before
 * any seed runs: shard specs, an unreadable record line, folders of another omnisim build (unless
 * {@code --allow-mixed-versions}). And {@code fuzz --help} names every fuzz scenario.
 */
class CampaignBadInputTest {
  @TempDir Path dir;

  @Test
  void badShardSpecsAreExitStatusTwoWithOneLine() {
    for (String spec : new String[] {"5/4", "0/0", "a/b"}) {
      CommandRun run = CommandRun.omnisim("fuzz", "--count", "3", "--shard", spec, "--out", dir.resolve("x").toString());
      assertOneLineExitTwo(run, "'" + spec + "'");
    }
    assertOneLineExitTwo(CommandRun.omnisim("fuzz", "--count", "3", "--max-failures", "0", "--out", dir.toString()),
        "--max-failures");
    assertOneLineExitTwo(CommandRun.omnisim("fuzz", "--count", "3", "--time-limit", "-1", "--out", dir.toString()),
        "--time-limit");
    assertOneLineExitTwo(CommandRun.omnisim("fuzz", "--count", "3", "--evidence", "huge", "--out", dir.toString()),
        "'huge'");
    assertFalse(Files.exists(dir.resolve("x").resolve(SeedLog.FILE)), "no seed ran");
  }

  @Test
  void anUnreadableRecordLineIsExitStatusTwoNamingFileAndLine() throws Exception {
    Path shard = shardFolder("s", new BuildInfo("9.9", "c0ffee"));
    Files.writeString(shard.resolve(SeedLog.FILE), "not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertOneLineExitTwo(CommandRun.omnisim("campaign", "merge", shard.toString(), "--out", dir.resolve("r").toString()),
        shard.resolve(SeedLog.FILE) + ":3:");
    // The same folder, resumed as a shard, is refused the same way before any seed runs.
    assertOneLineExitTwo(CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--seeds", "1..2", "--shard", "0/1",
        "--out", shard.toString(), "--allow-mixed-versions"), ":3:");
  }

  @Test
  void foldersOfAnotherBuildAreRefusedUnlessMixedVersionsAreAllowed() throws Exception {
    Path old = shardFolder("old", new BuildInfo("0.0.1", "0ldc0mmit"));
    Path current = shardFolder("new", BuildInfo.current(System.getenv()));
    CommandRun mixed = CommandRun.omnisim("campaign", "merge", old.toString(), current.toString(), "--out",
        dir.resolve("r").toString());
    assertOneLineExitTwo(mixed, "--allow-mixed-versions");
    CommandRun allowed = CommandRun.omnisim("campaign", "merge", old.toString(), current.toString(),
        "--allow-mixed-versions", "--out", dir.resolve("r").toString());
    assertEquals(0, allowed.status(), allowed.out() + allowed.err());
    // Resuming a shard whose records another build wrote is refused too.
    CommandRun resume = CommandRun.omnisim("fuzz", "--scenario", "fuzz-3", "--seeds", "1..2", "--shard", "0/1",
        "--out", old.toString());
    assertOneLineExitTwo(resume, "0.0.1 (commit 0ldc0mmit)");
  }

  @Test
  void mergeOfAFolderThatIsNoShardIsExitStatusTwo() throws Exception {
    assertOneLineExitTwo(CommandRun.omnisim("campaign", "merge", dir.resolve("nowhere").toString(), "--out",
        dir.resolve("r").toString()), "is not a folder");
    assertOneLineExitTwo(CommandRun.omnisim("campaign", "merge", Files.createDirectories(dir.resolve("empty")).toString(),
        "--out", dir.resolve("r").toString()), "not a fuzz output folder");
    assertOneLineExitTwo(CommandRun.omnisim("campaign"), "merge");
  }

  @Test
  void fuzzHelpNamesEveryFuzzScenarioAndTheCampaignOptions() {
    CommandRun help = CommandRun.omnisim("fuzz", "--help");
    assertEquals(0, help.status());
    String flat = help.out().replaceAll("\\s+", " ");
    for (String name : FuzzScenarios.names().split(", ")) {
      assertTrue(flat.contains(" " + name + ",") || flat.contains(" " + name + ";") || flat.contains(" " + name + " "),
          name + " in: " + help.out());
    }
    for (String option : new String[] {"--shard", "--max-failures", "--submission", "--resume", "--evidence",
        "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX", "OMNISIM_SHARD_COUNT"}) {
      assertTrue(flat.contains(option), option + " in: " + help.out());
    }
  }

  private Path shardFolder(String name, BuildInfo build) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    ShardSpec whole = ShardSpec.WHOLE;
    new ShardManifest("fuzz-3", 1, 2, whole, 2, build, null, "omnipaxos", ShardManifest.COMPLETE, 1, 1).write(folder);
    try (SeedLog log = SeedLog.open(folder, false)) {
      for (long seed = 1; seed <= 2; seed++) {
        log.append(new SeedRecord("fuzz-3", seed, "cfg", "passed", null, "f" + seed, 1, 1, build.version(),
            build.commit(), "0/1", null), () -> {});
      }
    }
    return folder;
  }

  private static void assertOneLineExitTwo(CommandRun run, String mentioned) {
    assertEquals(2, run.status(), run.out() + run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains(mentioned), mentioned + " in: " + run.err());
    assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
  }
}
