package dev.omnisim.consensus.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script driver: a script passes, a wrong expectation fails with a readable diff, rewrite regenerates. */
class InteractionScriptTest {
  static final Path SCRIPT = Path.of("src/test/resources/scripts/lowest-decides.txt");

  @Test
  void theScriptPasses() {
    InteractionScript.run(SCRIPT, LowestDecides::new);
  }

  @Test
  void aWrongExpectationFailsWithTheFileLineCommandAndADiff(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.txt");
    String script = Files.readString(SCRIPT);
    Files.writeString(broken, script.replace("1->2 Decided\n1->3 Decided\n", "1->2 Promise\n1->3 Decided\n"));
    int line = script.lines().toList().indexOf("msgs") + 1;
    AssertionError e = assertThrows(AssertionError.class, () -> InteractionScript.run(broken, LowestDecides::new));
    assertEquals(broken + ":" + line + ": msgs\n--- expected\n+++ actual\n- 1->2 Promise\n+ 1->2 Decided\n  1->3 Decided\n",
        e.getMessage());
  }

  @Test
  void rewriteWritesTheActualOutputUnderEveryCommand(@TempDir Path dir) throws Exception {
    Path stripped = dir.resolve("stripped.txt");
    StringBuilder noOutputs = new StringBuilder();
    for (InteractionScript.Block b : InteractionScript.parse(Files.readString(SCRIPT), "test")) {
      b.comments().forEach(c -> noOutputs.append(c).append('\n'));
      noOutputs.append(b.command()).append("\n----\n\n");
    }
    Files.writeString(stripped, noOutputs.toString());
    assertThrows(AssertionError.class, () -> InteractionScript.run(stripped, LowestDecides::new));
    InteractionScript.rewrite(stripped, LowestDecides::new);
    assertEquals(Files.readString(SCRIPT, StandardCharsets.UTF_8), Files.readString(stripped, StandardCharsets.UTF_8));
    InteractionScript.run(stripped, LowestDecides::new);
  }

  @Test
  void aCommandWithoutItsSeparatorIsNamedWithItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InteractionScript.parse("add-peers 3\nstatus\n", "x.txt"));
    assertEquals("x.txt:1: 'add-peers 3' must be followed by a line ----", e.getMessage());
  }

  @Test
  void errorsAreOutputSoAScriptCanExpectThem() {
    ScriptCluster c = new ScriptCluster(LowestDecides::new);
    assertEquals(java.util.List.of("error: no running peer 1 (peers [], down ones crashed)"),
        InteractionScript.execute(c, "propose 1 a"));
    assertTrue(InteractionScript.execute(c, "tick x").get(0).startsWith("error: 'x' is not a number"));
  }
}
