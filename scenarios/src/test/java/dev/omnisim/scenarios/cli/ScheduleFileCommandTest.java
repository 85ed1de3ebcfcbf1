package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule or configuration file that names an unknown fault, a server out of range or a negative
 * time stops {@code run --schedule} and {@code shrink} with one line naming the file, the entry and the
 * problem, and exit status 2; a good one replays.
 */
class ScheduleFileCommandTest {
  @TempDir Path dir;



  private Path file(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  private static void assertRefused(CommandRun o, String... mustMention) {
    assertEquals(2, o.status(), "bad input must exit 2; err: " + o.err());
    assertEquals(1, o.err().lines().count(), "one line, printed:\n" + o.err());
    for (String word : mustMention) {
      assertTrue(o.err().contains(word), "must mention '" + word + "': " + o.err());
    }
    assertEquals("", o.out(), "nothing may run");
  }

  @Test
  void unknownFaultServerOutOfRangeAndNegativeTimeAreOneLineAndExit2ForRunAndShrink() throws IOException {
    Path unknown = file("unknown.json", "{\"scenario\":\"fuzz\",\"seed\":1,\"actions\":[{\"action\":\"explode\",\"atMicros\":5}]}");
    Path range = file("range.json", "{\"scenario\":\"fuzz\",\"seed\":1,\"actions\":[{\"action\":\"crash\",\"atMicros\":5,\"server\":9}]}");
    Path negative = file("negative.json",
        "{\"scenario\":\"fuzz\",\"seed\":1,\"actions\":[{\"action\":\"restart\",\"atMicros\":-1,\"server\":0}]}");
    for (String command : new String[] {"run", "shrink"}) {
      String flag = command.equals("run") ? "--schedule" : null;
      assertRefused(flag == null ? omnisim(command, unknown.toString()) : omnisim(command, flag, unknown.toString()),
          unknown.toString(), "action 0", "unknown fault 'explode'");
      assertRefused(flag == null ? omnisim(command, range.toString()) : omnisim(command, flag, range.toString()),
          range.toString(), "action 0", "names server 9");
      assertRefused(flag == null ? omnisim(command, negative.toString()) : omnisim(command, flag, negative.toString()),
          negative.toString(), "action 0", "negative time -1");
    }
  }

  @Test
  void fuzzRefusesAnUnknownScenarioNamingTheSwarm() {
    CommandRun o = omnisim("fuzz", "--scenario", "nope", "--count", "1");
    assertRefused(o, "unknown fuzz scenario 'nope'", "swarm", "fuzz-partial");
  }
}
