package dev.omnisim.lincheck.format;

import dev.omnisim.lincheck.History;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The history file formats, by the names {@code --format} takes. */
public enum HistoryFormat {
  /** One JSON object per operation per line: {@code HISTORY-FORMAT.md}. */
  JSONL("jsonl"),
  /** Jepsen's EDN event history, as Knossos reads it. */
  EDN("edn");

  private final String formatName;

  HistoryFormat(String formatName) {
    this.formatName = formatName;
  }

  /** The name {@code --format} takes. */
  public String formatName() {
    return formatName;
  }

  /** The format called {@code name}, if any. */
  public static Optional<HistoryFormat> named(String name) {
    for (HistoryFormat format : values()) {
      if (format.formatName.equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** The format a file's name suggests: {@code .edn} is EDN, anything else JSON lines. */
  public static HistoryFormat forFile(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(".edn") ? EDN : JSONL;
  }

  /**
   * Reads a history file.
   *
   * @throws HistoryFormatException for a missing or unreadable file and for bad content, with one
   *     message naming file, line and problem
   */
  public <I, O> History<I, O> read(Path file, OperationCodec<I, O> codec) throws HistoryFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new HistoryFormatException(file.toString(), 0, "no such file");
    } catch (MalformedInputException e) {
      throw new HistoryFormatException(file.toString(), 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new HistoryFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
    return read(new StringReader(text), file.toString(), codec);
  }

  /** Reads a history from {@code reader}; {@code fileName} is used in error messages. */
  public <I, O> History<I, O> read(Reader reader, String fileName, OperationCodec<I, O> codec)
      throws HistoryFormatException {
    return switch (this) {
      case JSONL -> new JsonLinesFormat().read(reader, fileName, codec);
      case EDN -> {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
          for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
          }
        } catch (IOException e) {
          throw new HistoryFormatException(fileName, 0, "cannot read: " + e.getMessage());
        }
        yield new JepsenEdnFormat().read(text.toString(), fileName, codec);
      }
    };
  }

  /** Writes a history in this format. */
  public <I, O> void write(History<I, O> history, OperationCodec<I, O> codec, Writer writer) {
    switch (this) {
      case JSONL -> new JsonLinesFormat().write(history, codec, writer);
      case EDN -> new JepsenEdnFormat().write(history, codec, writer);
    }
  }
}
