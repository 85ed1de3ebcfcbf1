package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that {@code fuzz --protocol NAME} found shrinks on the same protocol with {@code shrink --protocol
 * NAME}, and its replay command names the protocol. VR on {@code fuzz-partial} seed 13 makes the case: the final
 * constrained election deadlocks VR (the paper's Table 1) and OmniPaxos recovers, so the same schedule fails only
 * on VR. Without the option {@code shrink} runs OmniPaxos and finds nothing to shrink.
 */
class ShrinkOverAProtocolTest {
  @TempDir Path dir;

  @Test
  void aBaselinesFailureShrinksOnThatBaseline() throws Exception {
    Path out = dir.resolve("fuzz");
    CommandRun fuzz = omnisim("fuzz", "--scenario", "fuzz-partial", "--protocol", "vr", "--seeds", "13..13", "--out",
        out.toString());
    assertEquals(1, fuzz.status(), fuzz.out() + fuzz.err());
    Path schedule = out.resolve("fuzz-partial-seed13").resolve("schedule.json");
    assertTrue(Files.isRegularFile(schedule), fuzz.out());
    assertTrue(fuzz.out().contains("--seed 13 --protocol vr"), fuzz.out());

    Path shrunk = dir.resolve("shrunk.json");
    CommandRun onVr = omnisim("shrink", schedule.toString(), "--protocol", "vr", "--output", shrunk.toString());
    assertEquals(0, onVr.status(), onVr.out() + onVr.err());
    assertTrue(onVr.out().contains("still fails: no progress under partial connectivity"), onVr.out());
    assertTrue(onVr.out().contains("replay: ./omnisim run --schedule " + shrunk + " --seed 13 --protocol vr"), onVr.out());
    CommandRun replay = omnisim("run", "--schedule", shrunk.toString(), "--seed", "13", "--protocol", "vr", "--out",
        dir.resolve("replay").toString());
    assertEquals(1, replay.status(), "the shrunk schedule still fails on VR: " + replay.out());

    CommandRun onOmniPaxos = omnisim("shrink", schedule.toString(), "--output", dir.resolve("other.json").toString());
    assertEquals(2, onOmniPaxos.status(), onOmniPaxos.out() + onOmniPaxos.err());
    assertTrue(onOmniPaxos.err().contains("the schedule passes with seed 13: nothing to shrink"), onOmniPaxos.err());
  }
}
