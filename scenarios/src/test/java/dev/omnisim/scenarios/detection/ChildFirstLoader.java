package dev.omnisim.scenarios.detection;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads a mutant's classes from its compiled folder and everything else from the parent, so the
 * mutant meets the harness through the contract types the harness itself uses ({@code ConsensusPeer},
 * {@code KvCommand}, ...), while the mutated classes are never confused with the reference ones.
 */
final class ChildFirstLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final SourceMutant mutant;

  ChildFirstLoader(URL classes, SourceMutant mutant, ClassLoader parent) {
    super("mutant-" + mutant.module(), new URL[] {classes}, parent);
    this.mutant = mutant;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!mutant.ownsClass(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name); // never the parent's copy: that is the reference
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
