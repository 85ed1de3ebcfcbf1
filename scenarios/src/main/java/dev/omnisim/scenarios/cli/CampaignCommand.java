package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.campaign.CampaignMerge;
import dev.omnisim.scenarios.campaign.CampaignReport;
import dev.omnisim.scenarios.campaign.CampaignReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnisim campaign}: what to do with the folders of a sharded fuzz campaign. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = "Works on the folders of a fuzz campaign run in shards (fuzz --shard).",
    subcommands = {CampaignCommand.Merge.class})
final class CampaignCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "campaign needs a subcommand: merge");
  }

  /** {@code omnisim campaign merge DIR...}. */
  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = {"Combines the shard folders of one campaign: totals and seeds/s, failures grouped by kind with their"
          + " replay commands, seeds recorded twice with different fingerprints, missing or incomplete shards.",
          "Writes summary.txt, campaign.json, campaign.html and the merged seeds.jsonl into --out.",
          "Exit status: 0 every seed passed and the campaign is complete, 1 failures or nondeterminism, 3 only"
              + " incomplete, 2 bad input."})
  static final class Merge implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR",
        description = "Shard folders (as fuzz --out wrote them), or folders whose subfolders are shard folders.")
    List<Path> folders;

    @Option(names = "--out", defaultValue = "campaign-report", paramLabel = "DIR",
        description = "Where the summary, JSON, HTML page and merged records go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--allow-mixed-versions",
        description = "Merge records of different omnisim versions or commits (their fingerprints may differ).")
    boolean allowMixedVersions;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Cli.requireWritableFolder(spec, out, "--out"); // creates nothing when refused
      CampaignReport report;
      try {
        report = new CampaignMerge(allowMixedVersions).merge(folders);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the campaign folders: " + Cli.describe(e));
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(CampaignReportFiles.summary(report));
      try {
        CampaignReportFiles.write(report, out);
      } catch (IOException e) {
        spec.commandLine().getErr().println("omnisim: could not write the report into '" + out + "' (--out): " + Cli.describe(e));
        return 2;
      }
      stdout.println("report: " + out.resolve("campaign.html") + " (and summary.txt, campaign.json, seeds.jsonl)");
      stdout.flush();
      return report.exitStatus();
    }
  }
}
