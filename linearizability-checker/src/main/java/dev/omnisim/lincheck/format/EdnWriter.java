package dev.omnisim.lincheck.format;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints EDN values (the kinds {@link EdnReader} reads). */
final class EdnWriter {

  private EdnWriter() {}

  static String print(Object value) {
    StringBuilder sb = new StringBuilder();
    print(value, sb);
    return sb.toString();
  }

  static void print(Object value, StringBuilder sb) {
    switch (value) {
      case null -> sb.append("nil");
      case String s -> {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\r' -> sb.append("\\r");
            default -> sb.append(c);
          }
        }
        sb.append('"');
      }
      case Map<?, ?> map -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          print(entry.getKey(), sb);
          sb.append(' ');
          print(entry.getValue(), sb);
        }
        sb.append('}');
      }
      case Set<?> set -> printAll("#{", set, "}", sb);
      case List<?> list -> printAll("[", list, "]", sb);
      default -> sb.append(value);
    }
  }

  private static void printAll(String open, Collection<?> values, String close, StringBuilder sb) {
    sb.append(open);
    boolean first = true;
    for (Object value : values) {
      if (!first) {
        sb.append(' ');
      }
      first = false;
      print(value, sb);
    }
    sb.append(close);
  }
}
