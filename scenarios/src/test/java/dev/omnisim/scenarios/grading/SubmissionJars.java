package dev.omnisim.scenarios.grading;

import dev.omnisim.scenarios.grading.api.Submission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs already-compiled test classes into a submission jar, as a student's build would: the classes
 * (with their nested and anonymous classes) and the {@code META-INF/services} file naming the provider.
 */
final class SubmissionJars {
  private SubmissionJars() {}

  /** Writes {@code folder/name.jar} holding {@code provider} and {@code classes}, with the service file. */
  static Path jar(Path folder, String name, Class<? extends Submission> provider, Class<?>... classes) throws IOException {
    Files.createDirectories(folder);
    Path jar = folder.resolve(name + ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(SubmissionLoader.SERVICE_FILE));
      out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      for (Class<?> c : Stream.concat(Stream.of(provider), Stream.of(classes)).map(SubmissionJars::outermost).distinct().toList()) {
        for (Path classFile : classFiles(c)) {
          out.putNextEntry(new JarEntry(c.getPackageName().replace('.', '/') + "/" + classFile.getFileName()));
          out.write(Files.readAllBytes(classFile));
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static Class<?> outermost(Class<?> c) {
    Class<?> outer = c;
    while (outer.getEnclosingClass() != null) {
      outer = outer.getEnclosingClass();
    }
    return outer;
  }

  /** The class file of {@code c} and of every class nested in it. */
  private static List<Path> classFiles(Class<?> c) throws IOException {
    try {
      Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path folder = root.resolve(c.getPackageName().replace('.', '/'));
      String simple = c.getSimpleName();
      try (Stream<Path> files = Files.list(folder)) {
        return files.filter(p -> {
          String f = p.getFileName().toString();
          return f.equals(simple + ".class") || (f.startsWith(simple + "$") && f.endsWith(".class"));
        }).sorted().toList();
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
