package dev.omnisim.lincheck.format;

import dev.omnisim.lincheck.History;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The history file formats, by the names {@code --format} takes. */
public enum HistoryFormat {
  /** One JSON object per operation per line: {@code HISTORY-FORMAT.md}. */
  JSONL("jsonl"),
  /** Jepsen's EDN event history, as Knossos reads it. */
  EDN("edn"),
  /**
   * Porcupine's key-value test histories: one EDN event map per line with {@code :key} and a
   * string {@code :value} ({@code {:process 0, :type :invoke, :f :append, :key "4", :value "x 0 1 y"}}).
   */
  PORCUPINE("porcupine");

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
   * The format of a file from its content, whatever its name: text whose first form is an EDN map
   * with a {@code :key} is porcupine's key-value format; other EDN (a map or vector starting with
   * {@code {:} or {@code [}, or a file named {@code .edn}) is Jepsen's; anything else JSON lines.
   */
  public static HistoryFormat recognise(Path file, String text) {
    int at = 0;
    while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == ',')) {
      at++;
    }
    boolean ednMap = at + 1 < text.length() && text.charAt(at) == '{' && nextNonSpace(text, at + 1) == ':';
    boolean edn = ednMap || at < text.length() && (text.charAt(at) == '[' || text.charAt(at) == ';')
        || forFile(file) == EDN;
    if (!edn) {
      return JSONL;
    }
    try {
      Object first = new EdnReader(text).next();
      if (first instanceof Map<?, ?> map && map.containsKey(new Keyword("key"))) {
        return PORCUPINE;
      }
    } catch (EdnReader.SyntaxError e) {
      // Not readable as EDN at all: let the EDN reader report where.
    }
    return EDN;
  }

  private static char nextNonSpace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  /**
   * A history file's text.
   *
   * @throws HistoryFormatException for a missing or unreadable file, and for bytes that are not
   *     UTF-8, naming the line of the first bad byte
   */
  public static String readText(Path file) throws HistoryFormatException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new HistoryFormatException(file.toString(), 0, "no such file");
    } catch (IOException e) {
      throw new HistoryFormatException(file.toString(), 0, Files.isDirectory(file)
          ? "is a directory" : "cannot read: " + e.getMessage());
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new HistoryFormatException(file.toString(), line, String.format(
          "not UTF-8 text (byte 0x%02X at column %d)", bytes[bad] & 0xFF, bad - lineStart + 1));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * Reads a history file.
   *
   * @throws HistoryFormatException for a missing or unreadable file and for bad content, with one
   *     message naming file, line and problem
   */
  public <I, O> History<I, O> read(Path file, OperationCodec<I, O> codec) throws HistoryFormatException {
    return read(new StringReader(readText(file)), file.toString(), codec);
  }

  /** Reads a history from {@code reader}; {@code fileName} is used in error messages. */
  public <I, O> History<I, O> read(Reader reader, String fileName, OperationCodec<I, O> codec)
      throws HistoryFormatException {
    return switch (this) {
      case JSONL -> new JsonLinesFormat().read(reader, fileName, codec);
      case EDN, PORCUPINE -> {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
          for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
          }
        } catch (IOException e) {
          throw new HistoryFormatException(fileName, 0, "cannot read: " + e.getMessage());
        }
        yield new JepsenEdnFormat(this == PORCUPINE).read(text.toString(), fileName, codec);
      }
    };
  }

  /** Writes a history in this format; porcupine's is written as Jepsen EDN with {@code :key}. */
  public <I, O> void write(History<I, O> history, OperationCodec<I, O> codec, Writer writer) {
    switch (this) {
      case JSONL -> new JsonLinesFormat().write(history, codec, writer);
      case EDN, PORCUPINE -> new JepsenEdnFormat(this == PORCUPINE).write(history, codec, writer);
    }
  }
}
