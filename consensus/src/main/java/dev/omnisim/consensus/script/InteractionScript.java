package dev.omnisim.consensus.script;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs an interaction script file. A script is a sequence of blocks separated by blank lines; lines
 * starting with {@code #} are comments. A block is one command, a line {@code ----}, and the lines the
 * command must print:
 *
 * <pre>
 * # 5a: quorum loss
 * add-peers 5 election=4
 * ----
 * peers [1, 2, 3, 4, 5], election timeout 4 ticks
 *
 * run 20
 * ----
 * round 9: 5: leading in term 1.5
 * </pre>
 *
 * <p>Commands: {@code add-peers N [election=T] [resend=R] [batch=B]}, {@code tick all|ID [N]}, {@code run N}
 * (N rounds of a tick for every peer then every message delivered), {@code deliver} and {@code drop} with
 * optional {@code from=A to=B type=NAME count=K verbose}, {@code hold} (same filters: delay messages until
 * {@code release}), {@code msgs} (same filters, {@code verbose}), {@code propose ID VALUE},
 * {@code status}, {@code state [ID]} (each peer's leadership, promised term, log length and the term it
 * was accepted in, and decided index, leaderless peers included), {@code campaign ID [max=N]} (ticks
 * one peer alone until it campaigns: its promised term or leadership changes; at most N ticks, ten
 * election timeouts by default), {@code cut A B}, {@code cut-one-way A B}, {@code topology A-B ...}, {@code heal},
 * {@code crash ID}, {@code restart ID}. An error is output too ({@code error: ...}), so a script can expect
 * one.
 *
 * <p>Rewrite mode ({@code -Dscripts.rewrite=true}, or {@link #rewrite}) writes every block's actual output
 * back into the file instead of comparing, as etcd's datadriven {@code -rewrite} does.
 */
public final class InteractionScript {
  private InteractionScript() {}

  /** True when the JVM was started with {@code -Dscripts.rewrite=true}. */
  public static boolean rewriteRequested() {
    return Boolean.getBoolean("scripts.rewrite");
  }

  /** One block of a script. */
  record Block(int line, List<String> comments, String command, List<String> expected) {}

  /**
   * Runs {@code file} on a fresh cluster of {@code factory}'s peers and compares every block's output with
   * the expected one; in rewrite mode writes the actual outputs into the file instead.
   *
   * @throws AssertionError naming the file, line and command, with a diff, at the first block that differs
   */
  public static void run(Path file, ConsensusPeerFactory<String> factory) {
    if (rewriteRequested()) {
      rewrite(file, factory);
      return;
    }
    String text = read(file);
    ScriptCluster cluster = new ScriptCluster(factory);
    for (Block b : parse(text, file.toString())) {
      List<String> actual = execute(cluster, b.command());
      if (!actual.equals(b.expected())) {
        throw new AssertionError(file + ":" + b.line() + ": " + b.command() + "\n" + diff(b.expected(), actual));
      }
    }
  }

  /** Writes the actual output of every block of {@code file} under its command. */
  public static void rewrite(Path file, ConsensusPeerFactory<String> factory) {
    List<Block> blocks = parse(read(file), file.toString());
    ScriptCluster cluster = new ScriptCluster(factory);
    StringBuilder out = new StringBuilder();
    for (Block b : blocks) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      b.comments().forEach(c -> out.append(c).append('\n'));
      out.append(b.command()).append("\n----\n");
      execute(cluster, b.command()).forEach(l -> out.append(l).append('\n'));
    }
    try {
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the script " + file, e);
    }
  }

  static List<Block> parse(String text, String where) {
    List<String> lines = text.lines().toList();
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      List<String> comments = new ArrayList<>();
      while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("#"))) {
        if (lines.get(i).startsWith("#")) {
          comments.add(lines.get(i));
        }
        i++;
      }
      if (i >= lines.size()) {
        break;
      }
      int commandLine = i + 1;
      String command = lines.get(i++).strip();
      if (i >= lines.size() || !lines.get(i).equals("----")) {
        throw new IllegalArgumentException(where + ":" + commandLine + ": '" + command + "' must be followed by a line ----");
      }
      i++;
      List<String> expected = new ArrayList<>();
      while (i < lines.size() && !lines.get(i).isBlank()) {
        expected.add(lines.get(i++));
      }
      blocks.add(new Block(commandLine, List.copyOf(comments), command, List.copyOf(expected)));
    }
    return blocks;
  }

  /** Runs one command; an error becomes its output, so a script can expect it. */
  static List<String> execute(ScriptCluster cluster, String command) {
    try {
      List<String> out = dispatch(cluster, command);
      return out.isEmpty() ? List.of("ok") : out;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return List.of("error: " + e.getMessage());
    }
  }

  private static List<String> dispatch(ScriptCluster c, String command) {
    String[] words = command.split("\\s+");
    List<String> args = Arrays.asList(words).subList(1, words.length);
    TreeMap<String, String> named = new TreeMap<>();
    List<String> plain = new ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        named.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        plain.add(a);
      }
    }
    return switch (words[0]) {
      case "add-peers" -> c.addPeers(number(plain, 0, command), new ConsensusOptions(
          (int) longOr(named, "election", ConsensusOptions.DEFAULTS.electionTimeoutTicks()),
          (int) longOr(named, "resend", ConsensusOptions.DEFAULTS.resendTimeoutTicks()),
          (int) longOr(named, "batch", ConsensusOptions.DEFAULTS.maxBatchSize()),
          ConsensusOptions.DEFAULTS.maxPendingProposals()));
      case "tick" -> c.tick(plain.isEmpty() || plain.get(0).equals("all") ? null : number(plain, 0, command),
          plain.size() > 1 ? number(plain, 1, command) : 1);
      case "run" -> c.run(number(plain, 0, command));
      case "deliver", "drop" -> c.deliver(filter(named, plain), words[0].equals("deliver"), plain.contains("verbose"));
      case "hold" -> c.hold(filter(named, plain));
      case "release" -> c.release();
      case "msgs" -> c.messages(filter(named, plain), plain.contains("verbose"));
      case "state" -> c.state(plain.isEmpty() ? null : number(plain, 0, command));
      case "campaign" -> c.campaign(number(plain, 0, command),
          (int) longOr(named, "max", 10L * c.options().electionTimeoutTicks()));
      case "propose" -> {
        if (plain.size() != 2) {
          throw new IllegalArgumentException("propose takes a peer and a value: " + command);
        }
        yield c.propose(number(plain, 0, command), plain.get(1));
      }
      case "status" -> c.status();
      case "cut" -> c.cut(number(plain, 0, command), number(plain, 1, command), false);
      case "cut-one-way" -> c.cut(number(plain, 0, command), number(plain, 1, command), true);
      case "topology" -> c.topology(plain);
      case "heal" -> c.heal();
      case "crash" -> c.crash(number(plain, 0, command));
      case "restart" -> c.restart(number(plain, 0, command));
      default -> throw new IllegalArgumentException("unknown command '" + words[0] + "'");
    };
  }

  private static Predicate<ScriptCluster.InFlight> filter(TreeMap<String, String> named, List<String> plain) {
    for (String key : named.keySet()) {
      if (!List.of("from", "to", "type", "count").contains(key)) {
        throw new IllegalArgumentException("unknown filter '" + key + "' (from, to, type, count)");
      }
    }
    long[] left = {longOr(named, "count", Long.MAX_VALUE)};
    return m -> (!named.containsKey("from") || Integer.toString(m.from()).equals(named.get("from")))
        && (!named.containsKey("to") || Integer.toString(m.to()).equals(named.get("to")))
        && (!named.containsKey("type") || m.name().equals(named.get("type")))
        && left[0]-- > 0;
  }

  private static int number(List<String> plain, int index, String command) {
    if (plain.size() <= index) {
      throw new IllegalArgumentException("missing argument " + (index + 1) + " in '" + command + "'");
    }
    try {
      return Integer.parseInt(plain.get(index));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + plain.get(index) + "' is not a number in '" + command + "'");
    }
  }

  private static long longOr(TreeMap<String, String> named, String key, long otherwise) {
    try {
      return named.containsKey(key) ? Long.parseLong(named.get(key)) : otherwise;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + named.get(key) + " is not a number");
    }
  }

  /** A line-by-line diff: unchanged lines indented, expected-only lines with -, actual-only lines with +. */
  static String diff(List<String> expected, List<String> actual) {
    int n = expected.size();
    int m = actual.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder("--- expected\n+++ actual\n");
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        out.append("  ").append(expected.get(i++)).append('\n');
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.append("- ").append(expected.get(i++)).append('\n');
      } else {
        out.append("+ ").append(actual.get(j++)).append('\n');
      }
    }
    return out.toString();
  }
}
