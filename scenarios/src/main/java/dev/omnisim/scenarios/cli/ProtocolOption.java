package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import java.util.Iterator;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --protocol NAME}, shared by {@code run}, {@code suite}, {@code fuzz}, {@code shrink} and {@code grade} as a
 * picocli mixin: which registered protocol ({@link Protocols}) the servers run. An unknown name is bad
 * input (exit 2) before any work, with the known names listed.
 */
final class ProtocolOption {
  @Option(names = "--protocol", paramLabel = "NAME", defaultValue = Protocols.DEFAULT,
      completionCandidates = Names.class,
      description = "The consensus protocol the servers run: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  String name;

  /** The protocol's implementation, or a parameter error (exit 2) naming the known ones. */
  Implementation implementation(CommandLine.Model.CommandSpec spec) {
    return Protocols.byName(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        "unknown protocol '" + name + "' (--protocol); known: " + String.join(", ", Protocols.names())));
  }

  /** What a replay command needs to add to run the same protocol again: empty for the default. */
  String replaySuffix() {
    return Protocols.argument(name);
  }

  /** The registered names, for the help text. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Protocols.names().iterator();
    }
  }
}
