package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omnisim.scenarios.campaign.ShardSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The manifests under {@code deploy/} run commands this build accepts: each is parsed (YAML with Jackson's YAML
 * module, the Slurm scripts as shell lines), each {@code omnisim} command in it goes through the command line's
 * own parser, and each {@code --shard} is read with the variables its engine would set. A manifest with a
 * misspelled option or without the shard count fails the same checks.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = deployFolder();
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void theKubernetesIndexedJobRunsShardsThatReadTheirIndexAndTheMergeReadsTheirFolders() throws IOException {
    JsonNode job = yaml.readTree(DEPLOY.resolve("kubernetes/fuzz-indexed-job.yaml").toFile());
    checkKubernetesJob(job);
    JsonNode merge = yaml.readTree(DEPLOY.resolve("kubernetes/merge-job.yaml").toFile());
    List<String> argv = containerCommand(merge);
    checkCommand("merge-job.yaml", argv, Map.of());
    assertEquals(List.of("campaign", "merge"), argv.subList(1, 3));
  }

  @Test
  void aKubernetesJobWithAMisspelledOptionOrWithoutTheShardCountIsCaught() throws IOException {
    String text = Files.readString(DEPLOY.resolve("kubernetes/fuzz-indexed-job.yaml"), StandardCharsets.UTF_8);
    assertThrows(CommandLine.ParameterException.class,
        () -> checkKubernetesJob(yaml.readTree(text.replace("\"--shard\"", "\"--shards\""))));
    assertThrows(IllegalArgumentException.class,
        () -> checkKubernetesJob(yaml.readTree(text.replace("OMNISIM_SHARD_COUNT", "SHARD_COUNT"))));
    assertThrows(AssertionError.class,
        () -> checkKubernetesJob(yaml.readTree(text.replace("completions: 4", "completions: 5"))));
  }

  @Test
  void theSlurmArrayRunsShardsThatReadTheirTaskAndTheSubmitScriptQueuesTheMerge() throws IOException {
    String script = Files.readString(DEPLOY.resolve("slurm/fuzz-array.sbatch"), StandardCharsets.UTF_8);
    Matcher array = Pattern.compile("(?m)^#SBATCH --array=(\\d+)-(\\d+)$").matcher(script);
    assertTrue(array.find(), "an #SBATCH --array=A-B line");
    long min = Long.parseLong(array.group(1));
    long count = Long.parseLong(array.group(2)) - min + 1;
    List<List<String>> commands = shellCommands(script);
    assertEquals(1, commands.size(), commands.toString());
    for (long id = min; id < min + count; id++) {
      ShardSpec shard = checkCommand("fuzz-array.sbatch", commands.get(0), Map.of("SLURM_ARRAY_TASK_ID", "" + id,
          "SLURM_ARRAY_TASK_MIN", "" + min, "SLURM_ARRAY_TASK_COUNT", "" + count, "SLURM_CPUS_PER_TASK", "2"));
      assertEquals(id - min, shard.index());
    }
    String submit = Files.readString(DEPLOY.resolve("slurm/submit.sh"), StandardCharsets.UTF_8);
    Matcher wrap = Pattern.compile("--wrap \"([^\"]+)\"").matcher(submit);
    assertTrue(wrap.find(), "the merge is queued with --wrap");
    checkCommand("submit.sh", words(wrap.group(1)), Map.of("OMNISIM_RESULTS", "/tmp/results"));
    assertTrue(submit.contains("--dependency=afterany:"), "the merge waits for the array");
  }

  @Test
  void theCiMatrixRunsOneShardPerEntryAndAMergeAfterThem() throws IOException {
    JsonNode workflow = yaml.readTree(DEPLOY.resolve("github-actions/fuzz-campaign.yml").toFile());
    JsonNode shards = workflow.at("/jobs/shard/strategy/matrix/shard");
    assertTrue(shards.isArray() && shards.size() > 1, "a matrix of shards");
    String fuzz = step(workflow.at("/jobs/shard/steps"), "./omnisim fuzz");
    for (JsonNode k : shards) {
      List<String> argv = words(fuzz.replace("${{ matrix.shard }}", k.asText()));
      ShardSpec shard = checkCommand("fuzz-campaign.yml", argv, Map.of());
      assertEquals(new ShardSpec(k.asInt(), shards.size(), shard.source()), shard);
    }
    assertEquals("shard", workflow.at("/jobs/merge/needs").asText());
    checkCommand("fuzz-campaign.yml", words(step(workflow.at("/jobs/merge/steps"), "./omnisim campaign merge")), Map.of());
  }

  private static void checkKubernetesJob(JsonNode job) {
    assertEquals("Indexed", job.at("/spec/completionMode").asText());
    int completions = job.at("/spec/completions").asInt();
    Map<String, String> env = new TreeMap<>();
    job.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
    if (env.containsKey(ShardSpec.COUNT_VARIABLE)) {
      assertEquals(Integer.toString(completions), env.get(ShardSpec.COUNT_VARIABLE), "the shard count is the completions");
    }
    List<String> argv = containerCommand(job);
    for (int index = 0; index < completions; index++) {
      Map<String, String> pod = new TreeMap<>(env);
      pod.put("JOB_COMPLETION_INDEX", Integer.toString(index));
      ShardSpec shard = checkCommand("fuzz-indexed-job.yaml", argv, pod);
      assertEquals(new ShardSpec(index, completions, shard.source()), shard);
    }
  }

  private static List<String> containerCommand(JsonNode job) {
    JsonNode container = job.at("/spec/template/spec/containers/0");
    List<String> argv = new ArrayList<>();
    container.get("command").forEach(c -> argv.add(c.asText()));
    container.get("args").forEach(a -> argv.add(a.asText()));
    return argv;
  }

  /**
   * Checks {@code argv} (launcher first) against the command line with {@code env} as the engine sets it:
   * options that exist and values they accept, a shard that reads, an out folder for each shard. Returns the
   * shard of a {@code fuzz} command, or null.
   */
  private static ShardSpec checkCommand(String where, List<String> argv, Map<String, String> env) {
    assertTrue(argv.get(0).endsWith("omnisim"), where + ": runs omnisim, not " + argv.get(0));
    List<String> args = argv.subList(1, argv.size()).stream().map(a -> expand(a, env)).toList();
    CommandLine.ParseResult parsed = OmnisimCommand.commandLine().parseArgs(args.toArray(String[]::new));
    CommandLine.ParseResult sub = parsed.subcommand();
    assertTrue(sub != null, where + ": names a subcommand: " + args);
    if (!sub.commandSpec().name().equals("fuzz")) {
      return null;
    }
    assertTrue(sub.hasMatchedOption("--out"), where + ": each shard writes its own --out folder");
    String shard = sub.matchedOptionValue("--shard", null);
    assertTrue(shard != null, where + ": a shard of the campaign");
    return ShardSpec.parse(shard, env);
  }

  /** Replaces {@code $(NAME)}, {@code ${NAME}} and {@code $NAME} by {@code env}'s value, or by 0. */
  private static String expand(String arg, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$(?:\\((\\w+)\\)|\\{(\\w+)\\}|(\\w+))").matcher(arg);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "0")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The lines of a shell script that run omnisim, continuation lines joined, as words. */
  private static List<List<String>> shellCommands(String script) {
    List<List<String>> out = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      if (line.strip().startsWith("omnisim ")) {
        out.add(words(line));
      }
    }
    return out;
  }

  private static List<String> words(String line) {
    return Arrays.stream(line.strip().split("\\s+")).map(w -> w.replace("\"", "")).toList();
  }

  private static String step(JsonNode steps, String prefix) {
    for (JsonNode s : steps) {
      if (s.path("run").asText().strip().startsWith(prefix)) {
        return s.get("run").asText().strip();
      }
    }
    throw new AssertionError("no step runs '" + prefix + "'");
  }

  private static Path deployFolder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("mvnw"))) {
        return dir.resolve("deploy");
      }
    }
    throw new IllegalStateException("no deploy/ folder above " + Path.of("").toAbsolutePath());
  }
}
