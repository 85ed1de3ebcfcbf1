package dev.omnisim.scenarios.grading;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths as the printed commands name them. A replay command ({@code ./omnisim run ... --submission
 * PATH}) is run from the omnisim repository, which need not be where the path was typed: a path
 * inside the repository is written relative to it, any other path absolute, so the command works as
 * printed from the repository.
 */
public final class CommandPaths {
  private CommandPaths() {}

  /** {@code path} relative to the repository when it lies inside it, else absolute. */
  public static String forCommand(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Optional<Path> root = repository();
    if (root.isPresent() && absolute.startsWith(root.get()) && !absolute.equals(root.get())) {
      return quoted(root.get().relativize(absolute).toString());
    }
    return quoted(absolute.toString());
  }

  /** The shell word for {@code path}: quoted when it holds a space or a shell character. */
  private static String quoted(String path) {
    return path.matches("[A-Za-z0-9_./+:@%=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }

  /**
   * The omnisim repository this code runs from: the folder above the jar or classes that holds the
   * {@code omnisim} launcher; empty when it is not in one (an installed jar).
   */
  public static Optional<Path> repository() {
    try {
      var source = CommandPaths.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      for (Path p = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize(); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("omnisim")) && Files.isRegularFile(p.resolve("pom.xml"))) {
          return Optional.of(p);
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
