package dev.omnisim.scenarios.report;

import dev.omnisim.lincheck.report.HtmlReport;
import java.util.Locale;

/** Escaping for the two languages the page embeds text in: HTML and JSON inside a script element. */
final class Text {
  private Text() {}

  /** {@code text} safe inside HTML text and quoted attributes. */
  static String html(String text) {
    return HtmlReport.escape(text);
  }

  /**
   * {@code text} as a JSON string literal that is also safe inside a {@code <script>} element: the
   * characters {@code < > &} are written as escapes, so no detail can close the element.
   */
  static void json(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Virtual time as seconds with microsecond precision, e.g. {@code 1.250000 s}. */
  static String seconds(long micros) {
    return String.format(Locale.ROOT, "%d.%06d s", micros / 1_000_000, Math.abs(micros % 1_000_000));
  }
}
