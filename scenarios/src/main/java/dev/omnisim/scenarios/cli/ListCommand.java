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
    out.printf(Locale.ROOT, "%-22s %7s %5s  %s%n", "NAME", "SERVERS", "OPS", "DESCRIPTION");
    for (Scenario s : catalog.all()) {
      out.printf(Locale.ROOT, "%-22s %7d %5s  %s%n", s.name(), s.servers(),
          s.expectedOps() > 0 ? Long.toString(s.expectedOps()) : "-", s.description());
    }
    out.println();
    out.println("The lab's suite (./omnisim suite): " + String.join(", ",
        catalog.labSuite().stream().map(Scenario::name).toList()));
    return 0;
  }
}
