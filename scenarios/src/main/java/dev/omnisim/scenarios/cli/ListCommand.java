package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omnisim list}: every scenario with its size and a one-line description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the named scenarios.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Catalog catalog = new Catalog();
    // The name column fits the longest name, so the columns stay aligned as the catalog grows.
    int nameWidth = catalog.all().stream().mapToInt(s -> s.name().length()).max().orElse(4);
    String row = "%-" + nameWidth + "s %7s %5s  %s%n";
    out.printf(Locale.ROOT, row, "NAME", "SERVERS", "OPS", "DESCRIPTION");
    for (Scenario s : catalog.all()) {
      out.printf(Locale.ROOT, row, s.name(), s.servers(),
          s.expectedOps() > 0 ? Long.toString(s.expectedOps()) : "-", s.description());
    }
    out.println();
    out.println("The lab's suite (./omnisim suite): " + String.join(", ",
        catalog.labSuite().stream().map(Scenario::name).toList()));
    return 0;
  }
}
