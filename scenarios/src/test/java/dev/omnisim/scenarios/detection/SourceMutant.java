package dev.omnisim.scenarios.detection;

import java.util.List;
import java.util.Objects;

/**
 * A source-level mutant, as mutation-testing tools make them: one module's main sources with exact
 * textual edits, compiled and loaded by {@link MutantCompiler}. Used for bugs that live inside a class
 * no wrapper can reach (a ballot comparison, a quorum count, the order of a storage write).
 *
 * @param module the module folder under the repository root, e.g. {@code omnipaxos}
 * @param childFirst what the mutant's class loader takes from the mutant rather than from the test
 *     classpath: a package when it ends with a dot ({@code dev.omnisim.omnipaxos.}), else one top-level
 *     class and its nested classes ({@code dev.omnisim.kvpaxos.KvServer})
 * @param edits the replacements, each of which must match its file exactly once
 */
record SourceMutant(String module, String childFirst, List<Edit> edits) {

  /** The package every OmniPaxos mutant replaces as a whole: its classes share package-private state. */
  static final String OMNIPAXOS_PACKAGE = "dev.omnisim.omnipaxos.";

  /**
   * One exact replacement.
   *
   * @param file path under the module's {@code src/main/java}, e.g. {@code dev/omnisim/omnipaxos/Ballot.java}
   * @param search text that must occur exactly once in the file
   * @param replacement what replaces it
   */
  record Edit(String file, String search, String replacement) {
    Edit {
      Objects.requireNonNull(file);
      Objects.requireNonNull(replacement);
      if (search == null || search.isEmpty() || search.equals(replacement)) {
        throw new IllegalArgumentException("an edit of " + file + " must replace some text by other text");
      }
    }
  }

  SourceMutant {
    edits = List.copyOf(edits);
    if (edits.isEmpty()) {
      throw new IllegalArgumentException("a mutant of " + module + " without edits would be the reference");
    }
  }

  /** A mutant of OmniPaxos: one replacement in {@code dev/omnisim/omnipaxos/FILE}. */
  static SourceMutant omnipaxos(String file, String search, String replacement) {
    return new SourceMutant("omnipaxos", OMNIPAXOS_PACKAGE,
        List.of(new Edit("dev/omnisim/omnipaxos/" + file, search, replacement)));
  }

  /** A mutant of OmniPaxos with several replacements in one file {@code dev/omnisim/omnipaxos/FILE}. */
  static SourceMutant omnipaxos(String file, List<String> searchThenReplacement) {
    return new SourceMutant("omnipaxos", OMNIPAXOS_PACKAGE, edits("dev/omnisim/omnipaxos/" + file, searchThenReplacement));
  }

  /** A mutant of the key-value server's {@code KvServer.java}; only that class is swapped. */
  static SourceMutant kvServer(List<String> searchThenReplacement) {
    return new SourceMutant("kvpaxos", "dev.omnisim.kvpaxos.KvServer",
        edits("dev/omnisim/kvpaxos/KvServer.java", searchThenReplacement));
  }

  /** Edits of {@code file} from search, replacement, search, replacement, ... */
  private static List<Edit> edits(String file, List<String> searchThenReplacement) {
    if (searchThenReplacement.size() % 2 != 0) {
      throw new IllegalArgumentException("search and replacement texts come in pairs: " + searchThenReplacement);
    }
    List<Edit> edits = new java.util.ArrayList<>();
    for (int i = 0; i < searchThenReplacement.size(); i += 2) {
      edits.add(new Edit(file, searchThenReplacement.get(i), searchThenReplacement.get(i + 1)));
    }
    return edits;
  }

  /** Whether the mutant's loader defines {@code className} itself. */
  boolean ownsClass(String className) {
    if (childFirst.endsWith(".")) {
      return className.startsWith(childFirst);
    }
    return className.equals(childFirst) || className.startsWith(childFirst + "$");
  }

  /** The source text after this mutant's edits of {@code file}; fails unless each search text occurs once. */
  String apply(String file, String source) {
    String result = source;
    for (Edit e : edits) {
      if (!e.file().equals(file)) {
        continue;
      }
      int first = result.indexOf(e.search());
      if (first < 0 || result.indexOf(e.search(), first + 1) >= 0) {
        throw new IllegalStateException("mutant of " + module + ": the text to replace occurs "
            + (first < 0 ? "nowhere" : "more than once") + " in " + file + ", so the mutant would not be the bug it"
            + " claims (the source changed?): " + e.search());
      }
      result = result.substring(0, first) + e.replacement() + result.substring(first + e.search().length());
    }
    return result;
  }
}
