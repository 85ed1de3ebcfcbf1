package dev.omnisim.scenarios.grading;

import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.grading.api.Submission;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns what a student handed in into something to run: a jar as it is, a folder of compiled classes
 * as it is, a project folder ({@code src/main/java}, {@code src/main/resources}) compiled with the
 * JDK's compiler against omnisim's own classpath — no Maven, nothing installed.
 */
public final class SubmissionLoader {
  /** The service file a submission names its {@link Submission} in. */
  public static final String SERVICE_FILE = "META-INF/services/" + Submission.class.getName();

  private SubmissionLoader() {}

  /** Why a submission cannot be used: it does not compile, names no Submission, is not there. */
  public static final class SubmissionException extends Exception {
    public SubmissionException(String message) {
      super(message);
    }
  }

  /**
   * What goes on the classpath for {@code submission}: the jar or class folder itself, or the classes
   * compiled from a project folder into a fresh temporary folder.
   */
  public static Path classpathEntry(Path submission) throws SubmissionException {
    if (!Files.exists(submission)) {
      throw new SubmissionException(submission + " does not exist");
    }
    requireCurrentApi(submission);
    if (Files.isRegularFile(submission)) {
      if (!submission.getFileName().toString().endsWith(".jar")) {
        throw new SubmissionException(submission + " is neither a jar nor a folder");
      }
      return submission;
    }
    if (Files.isDirectory(submission.resolve("src/main/java"))) {
      return compile(submission);
    }
    if (Files.isRegularFile(submission.resolve(SERVICE_FILE))) {
      return submission;
    }
    throw new SubmissionException(submission + " is a folder without src/main/java (a project) or "
        + SERVICE_FILE + " (compiled classes)");
  }

  /**
   * Checks, without running any of its code, that {@code entry} (a jar or class folder) names one
   * class in its {@link #SERVICE_FILE} and holds that class: a jar without it would otherwise start
   * every child JVM only to fail each run the same way.
   */
  public static void requireServiceFile(Path entry) throws SubmissionException {
    String text;
    List<String> classFiles = new ArrayList<>();
    try {
      if (Files.isDirectory(entry)) {
        Path file = entry.resolve(SERVICE_FILE);
        text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      } else {
        try (JarFile jar = new JarFile(entry.toFile())) {
          JarEntry e = jar.getJarEntry(SERVICE_FILE);
          text = e == null ? null : new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
          Collections.list(jar.entries()).forEach(x -> classFiles.add(x.getName()));
        }
      }
    } catch (IOException e) {
      throw new SubmissionException("cannot read " + entry + ": " + (e.getMessage() == null ? "not a jar" : e.getMessage()));
    }
    if (text == null) {
      throw new SubmissionException(entry + " has no " + SERVICE_FILE + " naming its Submission class"
          + " (./omnisim new-submission DIR writes one)");
    }
    List<String> names = text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    if (names.size() != 1) {
      throw new SubmissionException(entry + ": " + SERVICE_FILE + " must name exactly one class, names " + names.size());
    }
    String classFile = names.get(0).replace('.', '/') + ".class";
    boolean present = Files.isDirectory(entry) ? Files.isRegularFile(entry.resolve(classFile)) : classFiles.contains(classFile);
    if (!present) {
      throw new SubmissionException(entry + ": " + SERVICE_FILE + " names " + names.get(0) + ", which is not in it");
    }
  }

  /** Loads the one {@link Submission} that {@code entry} (a jar or class folder) names. */
  public static Submission load(Path entry) throws SubmissionException {
    URLClassLoader loader = new URLClassLoader(new URL[] {url(entry)}, SubmissionLoader.class.getClassLoader());
    List<ServiceLoader.Provider<Submission>> providers = ServiceLoader.load(Submission.class, loader).stream().toList();
    if (providers.isEmpty()) {
      throw new SubmissionException(entry + " names no implementation in " + SERVICE_FILE);
    }
    if (providers.size() > 1) {
      throw new SubmissionException(entry + " names " + providers.size() + " implementations in " + SERVICE_FILE
          + "; name exactly one: " + providers.stream().map(p -> p.type().getName()).toList());
    }
    return providers.get(0).get();
  }

  /**
   * Loads a submission given as a jar, a class folder or a project folder (compiled first, into a
   * temporary folder that goes when this JVM ends).
   */
  public static Submission loadFrom(Path submission) throws SubmissionException {
    Path entry = classpathEntry(submission);
    if (!entry.equals(submission)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(entry), "omnisim-delete-compiled-submission"));
    }
    return load(entry);
  }

  /** Deletes a folder and everything in it, leaving whatever cannot be deleted. */
  public static void deleteQuietly(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }

  /** A runner whose clusters run {@code submission} (the reference for whatever it leaves out), named {@code name}. */
  public static ScenarioRunner runner(Submission submission, String name) {
    return ScenarioRunner.reference().withImplementation(Submission.implementation(submission, name));
  }

  /**
   * A runner whose clusters run {@code submission} over the registered protocol {@code protocol} ({@link
   * Protocols}): the default is {@link #runner(Submission, String)}; another protocol replaces the reference's
   * OmniPaxos under a submission of the key-value layer, which is then held to that protocol's guarantees.
   *
   * @throws SubmissionException when the protocol is unknown, or the submission implements {@code consensus()}
   *     itself (it brings its own protocol)
   */
  public static ScenarioRunner runner(Submission submission, String name, String protocol) throws SubmissionException {
    if (Protocols.DEFAULT.equals(protocol)) {
      return runner(submission, name);
    }
    requireProtocolApplies(submission.getClass(), protocol, name);
    Implementation under = Protocols.byName(protocol).orElseThrow(() -> new SubmissionException(
        "unknown protocol '" + protocol + "'; known: " + String.join(", ", Protocols.names())));
    Implementation own = Submission.implementation(submission, name);
    return ScenarioRunner.reference().withImplementation(own.withConsensus(under.consensus())
        .withGuarantees(under.guarantees()));
  }

  /**
   * Checks, without running any of its code (its class is loaded, not initialised), that {@code entry} names a
   * submission that another protocol than the default can run under: one of the key-value layer only. The
   * failure names the submission {@code as} the user gave it.
   */
  public static void requireProtocolApplies(Path entry, String protocol, String as) throws SubmissionException {
    if (Protocols.DEFAULT.equals(protocol)) {
      return;
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url(entry)}, SubmissionLoader.class.getClassLoader())) {
      List<ServiceLoader.Provider<Submission>> providers = ServiceLoader.load(Submission.class, loader).stream().toList();
      if (providers.size() != 1) {
        throw new SubmissionException(entry + " must name exactly one implementation in " + SERVICE_FILE + ", names "
            + providers.size());
      }
      requireProtocolApplies(providers.get(0).type(), protocol, as);
    } catch (java.util.ServiceConfigurationError | LinkageError e) {
      throw new SubmissionException(entry + ": cannot load the class its " + SERVICE_FILE + " names: " + e.getMessage());
    } catch (IOException e) {
      // closing the loader failed: the check is done
    }
  }

  /** For another protocol than the default (the callers return early on it). */
  private static void requireProtocolApplies(Class<?> type, String protocol, String as) throws SubmissionException {
    if (bringsItsOwnConsensus(type)) {
      throw new SubmissionException(as + " implements consensus() itself, so --protocol " + protocol
          + " does not apply: a submission brings its own protocol, and --protocol puts another one only under a "
          + "submission of the key-value layer");
    }
  }

  /** True when {@code type} (a {@link Submission}) overrides {@code consensus()}, itself or through a superclass. */
  static boolean bringsItsOwnConsensus(Class<?> type) {
    try {
      return type.getMethod("consensus").getDeclaringClass() != Submission.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a Submission without consensus(): " + type.getName(), e);
    }
  }

  /**
   * Types that lived in {@code dev.omnisim.omnipaxos} in the first student API and moved to {@code
   * dev.omnisim.consensus} (or went away): a submission that still names one was written against it.
   */
  private static final Pattern OLD_API = Pattern.compile(
      "dev[./]omnisim[./]omnipaxos[./](ConsensusPeerFactory|ConsensusPeer|ConsensusOptions|ByteStore|Outgoing"
          + "|ProposeResult|Snapshot|EntryCodec)\\b|Function<ByteStore,\\s*Storage<KvCommand>>");

  /**
   * Fails with one line when {@code submission} (a project folder, a class folder or a jar) was written
   * against the first student API, whose types the current one moved: without this, a jar built
   * against it would load and silently run the reference in place of methods that no longer override.
   */
  public static void requireCurrentApi(Path submission) throws SubmissionException {
    String found;
    try {
      found = Files.isRegularFile(submission) ? oldApiInJar(submission) : oldApiInFolder(submission);
    } catch (IOException e) {
      throw new SubmissionException("cannot read " + submission + ": " + e.getMessage());
    }
    if (found != null) {
      throw new SubmissionException(submission + " was written against the old student API (it uses " + found
          + "): the consensus contract moved to dev.omnisim.consensus, a peer is built from a PeerSetup with the"
          + " node's ByteStore instead of a Storage, storage() and reconnected() are gone and leader()/isLeader()"
          + " come from leadership(); start from ./omnisim new-submission DIR");
    }
  }

  private static String oldApiInFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    for (Path file : files(folder, "")) {
      String name = file.getFileName().toString();
      if (name.endsWith(".java") || name.endsWith(".class")) {
        String found = oldApiIn(Files.readAllBytes(file));
        if (found != null) {
          return found + " in " + folder.relativize(file);
        }
      }
    }
    return null;
  }

  private static String oldApiInJar(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(j.entries())) {
        if (e.getName().endsWith(".class")) {
          String found = oldApiIn(j.getInputStream(e).readAllBytes());
          if (found != null) {
            return found + " in " + e.getName();
          }
        }
      }
    } catch (ZipException e) {
      return null; // not a jar at all: loading says so
    }
    return null;
  }

  /** Class files name types in their constant pool as UTF-8 text, so a text search finds them too. */
  private static String oldApiIn(byte[] content) {
    Matcher m = OLD_API.matcher(new String(content, StandardCharsets.ISO_8859_1));
    return m.find() ? m.group().replace('/', '.') : null;
  }

  private static URL url(Path entry) {
    try {
      return entry.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry + ": " + e.getMessage(), e);
    }
  }

  private static Path compile(Path project) throws SubmissionException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new SubmissionException("this Java runtime has no compiler; run omnisim on a JDK to grade a project folder");
    }
    try {
      Path out = Files.createTempDirectory("omnisim-submission");
      List<Path> sources = files(project.resolve("src/main/java"), ".java");
      if (sources.isEmpty()) {
        deleteQuietly(out);
        throw new SubmissionException(project + "/src/main/java holds no .java file");
      }
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
        List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
            "--release", "21", "-proc:none", "-encoding", "UTF-8", "-nowarn");
        StringWriter log = new StringWriter();
        boolean ok = compiler.getTask(log, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        if (!ok) {
          deleteQuietly(out);
          throw new SubmissionException(project + " does not compile:\n" + firstErrors(diagnostics));
        }
      }
      copyResources(project.resolve("src/main/resources"), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("compiling " + project, e);
    }
  }

  private static String firstErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (var d : diagnostics.getDiagnostics()) {
      if (d.getKind() != javax.tools.Diagnostic.Kind.ERROR || shown++ == 10) {
        continue;
      }
      String file = d.getSource() == null ? "" : new File(d.getSource().toUri()).getName() + ":" + d.getLineNumber() + ": ";
      text.append("  ").append(file).append(d.getMessage(java.util.Locale.ROOT)).append('\n');
    }
    return text.toString();
  }

  private static void copyResources(Path resources, Path out) throws IOException {
    if (!Files.isDirectory(resources)) {
      return;
    }
    for (Path file : files(resources, "")) {
      Path target = out.resolve(resources.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix))
          .sorted(Comparator.naturalOrder()).toList());
    }
  }
}
