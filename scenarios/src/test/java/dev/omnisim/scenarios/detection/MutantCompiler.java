package dev.omnisim.scenarios.detection;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles {@link SourceMutant}s with the JDK's compiler against the test classpath and loads each
 * through a {@link ChildFirstLoader}. The sources come from the repository checkout (tests run with
 * the module folder as working directory, so {@code ../omnipaxos/src/main/java}).
 *
 * <p>A per-run cache, deliberately an instance and not a static: whoever runs the variants owns it
 * and closes it, which deletes the temporary folders. Compiling a mutant takes a few seconds; each is
 * compiled once per instance.
 */
final class MutantCompiler implements AutoCloseable {
  private final Path repositoryRoot;
  private final Map<SourceMutant, ClassLoader> loaders = new HashMap<>(); // looked up, never iterated
  private final List<Path> folders = new ArrayList<>();

  /** A compiler over the sources of the checkout around the working directory. */
  MutantCompiler() {
    this(findRepositoryRoot(Path.of("").toAbsolutePath()));
  }

  MutantCompiler(Path repositoryRoot) {
    this.repositoryRoot = repositoryRoot;
  }

  /** The class loader of {@code mutant}, compiling it the first time. */
  ClassLoader load(SourceMutant mutant) {
    ClassLoader loader = loaders.get(mutant);
    if (loader == null) {
      loader = compile(mutant);
      loaders.put(mutant, loader);
    }
    return loader;
  }

  /** The class {@code name} as the mutant defines it (or the parent's, for classes it does not own). */
  Class<?> loadClass(SourceMutant mutant, String name) {
    try {
      return Class.forName(name, true, load(mutant));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("mutant of " + mutant.module() + " has no class " + name, e);
    }
  }

  private ClassLoader compile(SourceMutant mutant) {
    Path sources = repositoryRoot.resolve(mutant.module()).resolve("src/main/java");
    try {
      Path folder = Files.createTempDirectory("omnisim-mutant-");
      folders.add(folder);
      Path copy = folder.resolve("src");
      Path classes = Files.createDirectories(folder.resolve("classes"));
      List<Path> files = copySources(mutant, sources, copy);
      javac(mutant, files, classes);
      return new ChildFirstLoader(classes.toUri().toURL(), mutant, MutantCompiler.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the mutant of " + mutant.module(), e);
    }
  }

  /** Copies every source file of the module, edited where the mutant says; checks every edit was used. */
  private static List<Path> copySources(SourceMutant mutant, Path from, Path to) throws IOException {
    List<Path> copied = new ArrayList<>();
    List<String> edited = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = from.relativize(p).toString().replace('\\', '/');
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String mutated = mutant.apply(relative, text);
        if (!mutated.equals(text)) {
          edited.add(relative);
        }
        Path target = to.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, mutated, StandardCharsets.UTF_8);
        copied.add(target);
      }
    }
    for (SourceMutant.Edit e : mutant.edits()) {
      if (!edited.contains(e.file())) {
        throw new IllegalStateException("mutant of " + mutant.module() + ": no file " + e.file() + " under " + from);
      }
    }
    return copied;
  }

  private static void javac(SourceMutant mutant, List<Path> files, Path classes) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("source-level mutants need a JDK, not a JRE");
    }
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-d", classes.toString(), "-classpath", testClasspath(), "-proc:none",
          "-nowarn", "-encoding", "UTF-8");
      boolean ok = compiler.getTask(log, fm, null, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
      if (!ok) {
        throw new IllegalStateException("mutant of " + mutant.module() + " " + mutant.edits() + " does not compile:\n" + log);
      }
    }
  }

  /** Surefire puts the real classpath here (its own is a manifest-only jar); elsewhere java.class.path is it. */
  private static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The first folder at or above {@code start} that holds the OmniPaxos sources. */
  static Path findRepositoryRoot(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("omnipaxos/src/main/java"))) {
        return p;
      }
    }
    throw new IllegalStateException("no omnipaxos/src/main/java at or above " + start
        + ": source-level mutants need the repository checkout");
  }

  /** Deletes the temporary folders: call it after the last run (classes load lazily from there). */
  @Override
  public void close() {
    for (Path folder : folders) {
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + folder, e);
      }
    }
    folders.clear();
    loaders.clear();
  }
}
