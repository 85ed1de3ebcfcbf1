package dev.omnisim.sim;

import static dev.omnisim.sim.CrashPointTest.bytes;
import static dev.omnisim.sim.CrashPointTest.text;
import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The partial disk modes, exactly: a crash leaves each file as it was after some prefix of its unsynced
 * writes (plus, when torn, a byte prefix of the next write), files are decided independently, synced
 * writes always survive, and the counters say what each crash lost.
 */
class PartialDiskTest {
  private static final int CRASHES = 400;

  /** One node whose disk is in {@code mode}; it never does anything by itself. */
  private static Simulation oneNode(long seed, DiskMode mode, double keepProbability) {
    Simulation sim = TestNodes.recordingNodes(seed, 1);
    sim.disk(0).setMode(mode);
    sim.disk(0).setKeepProbability(keepProbability);
    return sim;
  }

  private static Disk disk(Simulation sim) {
    return recorder(sim, 0).ctx.disk();
  }

  private static void crashAndRestart(Simulation sim) {
    sim.crash(0);
    sim.restart(0);
  }

  /** Every kind of change after a sync: rewrite, appends, truncate, delete, re-create. */
  /** Writes and syncs {@code synced} as "log", appends {@code appends} unsynced, crashes: what "log" holds after. */
  private static String crashAfterAppends(Simulation sim, String synced, String... appends) {
    Disk d = disk(sim);
    d.write("log", bytes(synced));
    d.sync();
    for (String a : appends) {
      d.append("log", bytes(a));
    }
    crashAndRestart(sim);
    return text(disk(sim), "log");
  }

  private static List<String> mixedChangesRecordingEachState(Disk d) {
    List<String> states = new ArrayList<>();
    states.add(text(d, "f"));
    d.append("f", bytes("-a1"));
    states.add(text(d, "f"));
    d.write("f", bytes("rewritten"));
    states.add(text(d, "f"));
    d.append("f", bytes("+a2"));
    states.add(text(d, "f"));
    d.truncate("f", 4);
    states.add(text(d, "f"));
    d.delete("f");
    states.add(text(d, "f"));
    d.append("f", bytes("new"));
    states.add(text(d, "f"));
    return states;
  }

  @Test
  void aPartialCrashLeavesEachFileAsAfterSomePrefixOfItsUnsyncedWrites() {
    Simulation sim = oneNode(1, DiskMode.PARTIAL, 0.7);
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < CRASHES; i++) {
      Disk d = disk(sim);
      d.write("f", bytes("synced" + i));
      d.sync();
      List<String> states = mixedChangesRecordingEachState(d);
      crashAndRestart(sim);
      String after = text(disk(sim), "f");
      assertTrue(states.contains(after), "crash " + i + " left '" + after + "', not one of " + states);
      seen.add(states.indexOf(after) + "");
    }
    assertEquals(new TreeSet<>(List.of("0", "1", "2", "3", "4", "5", "6")), seen, "every prefix happens");
  }

  @Test
  void aTornCrashLeavesAPrefixOfWritesAndABytePrefixOfTheNext() {
    Simulation sim = oneNode(2, DiskMode.TORN, 0.6);
    int torn = 0;
    for (int i = 0; i < CRASHES; i++) {
      String raw = crashAfterAppends(sim, "S", "aaaa", "bbbb", "cccc");
      String after = raw.replaceAll("\u0000+$", ""); // a torn write may keep its length, zeros past its kept bytes
      assertTrue("Saaaabbbbcccc".startsWith(after) && after.startsWith("S"),
          "crash " + i + " left '" + raw + "': not a byte prefix of the writes that keeps the synced part");
      assertTrue(raw.length() == after.length() || (raw.length() - 1) % 4 == 0, "zeros fill a whole write: " + raw);
      torn += (after.length() - 1) % 4 != 0 || raw.length() != after.length() ? 1 : 0;
    }
    assertEquals(torn, sim.counters().crashesThatToreWrites(), "each tear counted");
    assertTrue(torn > CRASHES / 4, "tears: " + torn);
  }

  @Test
  void aTornRewriteLeavesABytePrefixOfTheNewContentPossiblyEmpty() {
    Simulation sim = oneNode(3, DiskMode.TORN, 0);
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < CRASHES; i++) {
      disk(sim).write("state", bytes("old"));
      disk(sim).sync();
      disk(sim).write("state", bytes("NEWER"));
      crashAndRestart(sim);
      seen.add(text(disk(sim), "state").replace('\u0000', '_'));
    }
    assertEquals(new TreeSet<>(List.of("", "N", "NE", "NEW", "NEWE", "_____", "N____", "NE___", "NEW__", "NEWE_")), seen,
        "never the old content, never all of the new: the rewrite always tears, cut or zero-filled");
  }

  /**
   * A file only appended to since the sync (a log) is restored to its synced length, not copied at the
   * first append: keeping nothing leaves exactly the synced bytes, keeping a prefix of the appends leaves
   * the synced bytes plus those appends, and a file created by an append since the sync is gone.
   */
  @Test
  void aFileOnlyAppendedToSinceTheSyncGoesBackToItsSyncedBytes() {
    for (DiskMode mode : new DiskMode[] {DiskMode.LOSSY, DiskMode.PARTIAL}) {
      Simulation sim = oneNode(6, mode, 0);
      Disk d = disk(sim);
      d.write("log", bytes("r1;r2;"));
      d.sync();
      d.append("log", bytes("r3;"));
      d.append("log", bytes("r4;"));
      d.append("fresh", bytes("x"));
      crashAndRestart(sim);
      assertEquals("r1;r2;", text(disk(sim), "log"), mode + " keeping nothing");
      assertTrue(!disk(sim).exists("fresh"), mode + ": a file created by an append since the sync is gone");
      disk(sim).append("log", bytes("r5;"));
      assertEquals("r1;r2;r5;", text(disk(sim), "log"), mode + ": appends after the restart go after the synced bytes");
    }
    Simulation sim = oneNode(7, DiskMode.PARTIAL, 0.5);
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < CRASHES; i++) {
      String after = crashAfterAppends(sim, "s" + i + ";", "a;", "b;");
      List<String> allowed = List.of("s" + i + ";", "s" + i + ";a;", "s" + i + ";a;b;");
      assertTrue(allowed.contains(after), "crash " + i + " left '" + after + "', not one of " + allowed);
      seen.add(after.substring(after.indexOf(';') + 1));
    }
    assertEquals(new TreeSet<>(List.of("", "a;", "a;b;")), seen, "every prefix of the appends happens");
  }

  @Test
  void keepingNothingIsLossyAndKeepingEverythingLosesNothing() {
    for (DiskMode mode : new DiskMode[] {DiskMode.LOSSY, DiskMode.PARTIAL, DiskMode.TORN}) {
      Simulation sim = oneNode(4, mode, 0);
      Disk d = disk(sim);
      d.write("f", bytes("synced"));
      d.sync();
      mixedChangesRecordingEachState(d);
      d.write("g", bytes("only unsynced"));
      crashAndRestart(sim);
      if (mode != DiskMode.TORN) {
        assertEquals("synced", text(disk(sim), "f"), mode + " keeping nothing");
      }
      assertTrue(!disk(sim).exists("g") || mode == DiskMode.TORN, mode + ": a file created since the sync is gone");
    }
    Simulation sim = oneNode(5, DiskMode.PARTIAL, 1);
    List<String> states = mixedChangesRecordingEachState(disk(sim));
    crashAndRestart(sim);
    assertEquals(states.getLast(), text(disk(sim), "f"), "keepProbability 1 keeps every write");
    assertEquals(1, sim.counters().crashesWithUnsyncedWrites());
    assertEquals(0, sim.counters().crashesThatLostWrites(), "nothing lost");
  }

  @Test
  void filesAreDecidedIndependentlySoOneFilesChangeCanSurviveAnothersLoss() {
    Simulation sim = oneNode(6, DiskMode.PARTIAL, 0.5);
    TreeSet<String> outcomes = new TreeSet<>();
    for (int i = 0; i < CRASHES; i++) {
      disk(sim).write("state", bytes("s" + i));
      disk(sim).append("log", bytes("e" + i + ";"));
      crashAndRestart(sim);
      boolean stateKept = text(disk(sim), "state").equals("s" + i);
      boolean logKept = text(disk(sim), "log").endsWith("e" + i + ";");
      outcomes.add((stateKept ? "state kept" : "state lost") + ", " + (logKept ? "log kept" : "log lost"));
      disk(sim).sync(); // start the next round from what survived
    }
    assertEquals(new TreeSet<>(List.of("state kept, log kept", "state kept, log lost", "state lost, log kept",
        "state lost, log lost")), outcomes);
  }

  @Test
  void syncedWritesSurviveEveryCrashInEveryMode() {
    for (DiskMode mode : DiskMode.values()) {
      Simulation sim = oneNode(7, mode, 0.5);
      StringBuilder synced = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        disk(sim).append("log", bytes(i + ";"));
        disk(sim).sync();
        synced.append(i).append(';');
        disk(sim).append("log", bytes("unsynced;"));
        disk(sim).write("state", bytes("unsynced"));
        crashAndRestart(sim);
        assertTrue(text(disk(sim), "log").startsWith(synced.toString()), mode + " crash " + i + ": " + text(disk(sim), "log"));
        disk(sim).truncate("log", synced.length()); // what a recovering node does with a partial tail
      }
    }
  }

  @Test
  void theCountersTellCrashesThatLostSomethingFromOthers() {
    Simulation sim = oneNode(8, DiskMode.LOSSY, 0.5);
    crashAndRestart(sim); // nothing unsynced
    disk(sim).write("f", bytes("x"));
    crashAndRestart(sim); // lost
    disk(sim).write("f", bytes("x"));
    disk(sim).sync();
    crashAndRestart(sim); // nothing unsynced
    Counters c = sim.counters();
    assertEquals(3, c.crashes());
    assertEquals(0, c.crashesInsideSteps());
    assertEquals(1, c.crashesWithUnsyncedWrites());
    assertEquals(1, c.crashesThatLostWrites());
    assertEquals(0, c.crashesThatToreWrites());
  }

  @Test
  void changingTheModeSyncsButSettingTheSameModeAgainDoesNot() {
    Simulation sim = oneNode(9, DiskMode.LOSSY, 0.5);
    disk(sim).write("f", bytes("unsynced"));
    sim.disk(0).setMode(DiskMode.LOSSY);
    crashAndRestart(sim);
    assertTrue(!disk(sim).exists("f"), "setting the same mode is no sync");
    disk(sim).write("f", bytes("made durable by the switch"));
    sim.disk(0).setMode(DiskMode.PARTIAL);
    sim.disk(0).setKeepProbability(0);
    crashAndRestart(sim);
    assertEquals("made durable by the switch", text(disk(sim), "f"));
  }

  @Test
  void aKeepProbabilityOutsideZeroToOneIsRefused() {
    Simulation sim = oneNode(10, DiskMode.PARTIAL, 0.5);
    for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.disk(0).setKeepProbability(bad));
      assertTrue(e.getMessage().contains("keepProbability") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }
}
