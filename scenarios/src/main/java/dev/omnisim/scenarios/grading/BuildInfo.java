package dev.omnisim.scenarios.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which omnisim produced a report: fingerprints and verdicts depend on the code, so every grade
 * records the version and the commit next to the rubric.
 *
 * @param version the build's version (the jar's manifest), or {@code development build}
 * @param commit the git commit of the repository omnisim runs from, or {@code unknown} outside one
 */
public record BuildInfo(String version, String commit) {

  /** The omnisim running now. */
  public static BuildInfo current() {
    String version = BuildInfo.class.getPackage().getImplementationVersion();
    return new BuildInfo(version == null ? "development build" : version,
        CommandPaths.repository().flatMap(BuildInfo::commitOf).orElse("unknown"));
  }

  /** "omnisim 0.1.0-SNAPSHOT, commit 1a2b3c4d5e6f" as the reports print it. */
  public String describe() {
    return "omnisim " + version + ", commit " + commit;
  }

  /**
   * The commit checked out in {@code repository}, read from its {@code .git} files (no git process):
   * a worktree's {@code .git} file points at its own folder, and a branch's commit may be packed.
   */
  static Optional<String> commitOf(Path repository) {
    try {
      Path git = repository.resolve(".git");
      if (Files.isRegularFile(git)) { // a worktree: "gitdir: PATH"
        String line = Files.readString(git, StandardCharsets.UTF_8).strip();
        if (!line.startsWith("gitdir:")) {
          return Optional.empty();
        }
        git = repository.resolve(line.substring("gitdir:".length()).strip());
      }
      String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
      if (!head.startsWith("ref:")) {
        return Optional.of(shortened(head));
      }
      String ref = head.substring("ref:".length()).strip();
      Path common = Files.isRegularFile(git.resolve("commondir"))
          ? git.resolve(Files.readString(git.resolve("commondir"), StandardCharsets.UTF_8).strip()) : git;
      for (Path dir : new Path[] {git, common}) {
        if (Files.isRegularFile(dir.resolve(ref))) {
          return Optional.of(shortened(Files.readString(dir.resolve(ref), StandardCharsets.UTF_8).strip()));
        }
        Path packed = dir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
          for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
            if (l.endsWith(" " + ref)) {
              return Optional.of(shortened(l.substring(0, l.indexOf(' '))));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String shortened(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
