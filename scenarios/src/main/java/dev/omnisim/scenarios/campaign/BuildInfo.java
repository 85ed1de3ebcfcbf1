package dev.omnisim.scenarios.campaign;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which omnisim made a record: fingerprints depend on the code, so a campaign's records carry the
 * version and the commit, and merging records of different builds is refused unless asked for.
 *
 * @param version the version from the jar's manifest, or {@code development} when run from classes
 * @param commit the git commit: {@code OMNISIM_COMMIT} when set (a distribution or an image built
 *     without its {@code .git}), else read from the {@code .git} above the code, else {@code unknown}
 */
public record BuildInfo(String version, String commit) {

  /** The build this code is, seen from {@code env} (the process environment in use). */
  public static BuildInfo current(Map<String, String> env) {
    String version = BuildInfo.class.getPackage().getImplementationVersion();
    String commit = env.get("OMNISIM_COMMIT");
    if (commit == null || commit.isBlank()) {
      commit = gitCommitAboveCode();
    }
    return new BuildInfo(version == null ? "development" : version, commit.trim());
  }

  /** {@code version (commit abcdef123456)}: how a person reads it. */
  public String describe() {
    return version + " (commit " + (commit.length() > 12 ? commit.substring(0, 12) : commit) + ")";
  }

  /** Reads the commit from the git folder above the jar or classes folder, without running git. */
  private static String gitCommitAboveCode() {
    try {
      Path here = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return headOf(dotGit, dotGit);
        }
        if (Files.isRegularFile(dotGit)) { // a worktree: ".git" is a file naming the real git folder
          String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
          if (line.startsWith("gitdir:")) {
            Path gitDir = dir.resolve(line.substring("gitdir:".length()).trim()).normalize();
            Path common = gitDir;
            Path commonFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
              common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
            }
            return headOf(gitDir, common);
          }
        }
      }
    } catch (IOException | URISyntaxException | SecurityException | NullPointerException e) {
      return "unknown";
    }
    return "unknown";
  }

  /** HEAD of {@code gitDir}, following one symbolic ref into loose refs or {@code packed-refs} of {@code common}. */
  private static String headOf(Path gitDir, Path common) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
    if (!head.startsWith("ref:")) {
      return head;
    }
    String ref = head.substring("ref:".length()).trim();
    for (Path base : new Path[] {gitDir, common}) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Files.readString(loose, StandardCharsets.UTF_8).trim();
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref)) {
          return line.substring(0, line.indexOf(' '));
        }
      }
    }
    return "unknown";
  }
}
