package dev.omnisim.lincheck.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader for the subset of EDN that Jepsen histories use: maps, vectors, lists, sets, keywords,
 * strings, integers, floats, {@code nil}, booleans, comments and {@code #_} discards. Tagged
 * elements ({@code #jepsen.history.Op{...}}, {@code #inst "..."}) read as their value. Symbols other
 * than {@code nil}, {@code true} and {@code false} read as strings. Written by hand so the module needs no
 * EDN library.
 *
 * <p>Values: see {@link OperationCodec}. Maps remember the line they start on ({@link #lineOf}), so
 * errors in a history can name the line of the event.
 */
final class EdnReader {

  /** Thrown for text that is not EDN; carries the line. */
  static final class SyntaxError extends Exception {
    final int line;

    SyntaxError(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** Returned by {@link #next()} at the end of the text. */
  static final Object END = new Object();

  private final String text;
  private int pos;
  private int line = 1;
  private final Map<Object, Integer> mapLines = new IdentityHashMap<>();

  EdnReader(String text) {
    this.text = text;
  }

  /** The line where a map read by this reader starts; 0 if unknown. */
  int lineOf(Object map) {
    return mapLines.getOrDefault(map, 0);
  }

  /** The line the reader is on. */
  int line() {
    return line;
  }

  /** The next top-level value, or {@link #END}. */
  Object next() throws SyntaxError {
    skipSpace();
    if (pos >= text.length()) {
      return END;
    }
    return read();
  }

  private Object read() throws SyntaxError {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of file");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{': {
        int startLine = line;
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Object key = readUntil('}', startLine); key != END; key = readUntil('}', startLine)) {
          Object value = readUntil('}', startLine);
          if (value == END) {
            throw error("a map needs an even number of forms");
          }
          map.put(key, value);
        }
        mapLines.put(map, startLine);
        return map;
      }
      case '[':
        pos++;
        return readSequence(']');
      case '(':
        pos++;
        return readSequence(')');
      case '"':
        return readString();
      case ':':
        pos++;
        return new Keyword(readToken());
      case '\\':
        pos++;
        return readToken();
      case '#':
        return readDispatch();
      case ']':
      case ')':
      case '}':
        throw error("unexpected '" + c + "'");
      default:
        return readAtom();
    }
  }

  /** Reads one value, or returns {@link #END} at the closing {@code close}. */
  private Object readUntil(char close, int openLine) throws SyntaxError {
    skipSpace();
    if (pos >= text.length()) {
      throw new SyntaxError(openLine, "missing '" + close + "' to close what starts on this line");
    }
    if (text.charAt(pos) == close) {
      pos++;
      return END;
    }
    return read();
  }

  private List<Object> readSequence(char close) throws SyntaxError {
    int startLine = line;
    List<Object> list = new ArrayList<>();
    for (Object value = readUntil(close, startLine); value != END; value = readUntil(close, startLine)) {
      list.add(value);
    }
    return list;
  }

  private Object readDispatch() throws SyntaxError {
    pos++;
    if (pos >= text.length()) {
      throw error("unexpected end of file after '#'");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      int startLine = line;
      pos++;
      Set<Object> set = new LinkedHashSet<>();
      for (Object value = readUntil('}', startLine); value != END; value = readUntil('}', startLine)) {
        set.add(value);
      }
      return set;
    }
    readToken();
    return read();
  }

  private String readString() throws SyntaxError {
    int startLine = line;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new SyntaxError(startLine, "unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\n') {
        line++;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new SyntaxError(startLine, "unterminated string");
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '"', '\\' -> sb.append(escaped);
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("bad \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException e) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("unknown escape \\" + escaped);
      }
    }
  }

  private Object readAtom() throws SyntaxError {
    String token = readToken();
    if (token.isEmpty()) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
    switch (token) {
      case "nil":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        break;
    }
    char first = token.charAt(0);
    boolean numeric = Character.isDigit(first)
        || ((first == '-' || first == '+') && token.length() > 1 && Character.isDigit(token.charAt(1)));
    if (!numeric) {
      return token;
    }
    try {
      if (token.endsWith("N")) {
        return narrow(new BigInteger(token.substring(0, token.length() - 1)));
      }
      if (token.endsWith("M") || token.contains(".") || token.contains("e") || token.contains("E")) {
        return Double.parseDouble(token.endsWith("M") ? token.substring(0, token.length() - 1) : token);
      }
      return narrow(new BigInteger(token.startsWith("+") ? token.substring(1) : token));
    } catch (NumberFormatException e) {
      throw error("bad number " + token);
    }
  }

  private static Object narrow(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private String readToken() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == ',' || c == '"' || c == ';' || "{}[]()".indexOf(c) >= 0) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  /** Skips whitespace, commas, comments and {@code #_}-discarded forms. */
  private void skipSpace() throws SyntaxError {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c) || c == ',') {
        pos++;
      } else if (c == '#' && pos + 1 < text.length() && text.charAt(pos + 1) == '_') {
        pos += 2;
        read();
      } else if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private SyntaxError error(String message) {
    return new SyntaxError(line, message);
  }
}
