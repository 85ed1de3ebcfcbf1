package dev.omnisim.scenarios.campaign;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard folder's {@code seeds.jsonl}: one {@link SeedRecord} per line, appended as each seed ends, one whole
 * line per write, so a shard killed at any moment leaves every finished seed recorded and at most one torn
 * last line, which reading drops (its seed runs again). Appending is synchronized: the fuzz threads share one
 * log, and {@link #close()} waits for a write in progress, so whoever closes it (the end of the run, or the
 * interrupt handler) leaves only whole records.
 */
public final class SeedLog implements AutoCloseable {
  /** The file name inside a shard folder. */
  public static final String FILE = "seeds.jsonl";
  private final Path file;
  private final OutputStream out;
  private boolean closed;

  private SeedLog(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** What a {@code seeds.jsonl} holds: its whole records, and whether a torn last line was dropped. */
  public record Contents(List<SeedRecord> records, boolean tornLastLine) {}

  /**
   * Opens {@code folder/seeds.jsonl} for appending; with {@code keep} the records already there stay (a torn last
   * line is cut off first), without it the file starts empty.
   */
  public static SeedLog open(Path folder, boolean keep) throws IOException {
    Path file = folder.resolve(FILE);
    if (keep && Files.exists(file)) {
      cutTornLastLine(file);
    }
    OutputStream out = keep
        ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
        : Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new SeedLog(file, out);
  }

  /** The file this log appends to. */
  public Path file() {
    return file;
  }

  /**
   * Runs {@code before} (writing a failure's evidence) and appends {@code record}, as one step that {@link #close()}
   * does not cut in half; returns false, doing nothing, once the log is closed.
   */
  public synchronized boolean append(SeedRecord record, Runnable before) {
    if (closed) {
      return false;
    }
    before.run();
    try {
      out.write((record.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("appending seed " + record.seed() + " to " + file, e);
    }
    return true;
  }

  /** Waits for a write in progress, then closes; later appends do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + file, e);
    }
  }

  /**
   * Reads the records of {@code file}: a last line without its newline (a shard killed while writing) is
   * dropped and reported; any other line that is not a record throws an {@link IllegalArgumentException}
   * naming file and line.
   */
  public static Contents read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<SeedRecord> records = new ArrayList<>();
    int lineNumber = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      lineNumber++;
      if (end < 0) {
        return new Contents(records, true);
      }
      String line = text.substring(start, end).strip();
      if (!line.isEmpty()) {
        records.add(SeedRecord.fromJsonLine(line, file + ":" + lineNumber));
      }
      start = end + 1;
    }
    return new Contents(records, false);
  }

  private static void cutTornLastLine(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int keep = bytes.length;
    while (keep > 0 && bytes[keep - 1] != '\n') {
      keep--;
    }
    if (keep < bytes.length) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(keep);
      }
    }
  }
}
