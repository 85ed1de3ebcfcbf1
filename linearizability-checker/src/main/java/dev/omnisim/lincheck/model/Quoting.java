package dev.omnisim.lincheck.model;

/** How models print strings for people: quoted, escaped, and cut in the middle when very long. */
final class Quoting {

  /** Longer strings lose their middle; both ends are what tells appended values apart. */
  private static final int QUOTED_CHARS_MAX = 160;

  private Quoting() {}

  static String quote(String s) {
    String shown = s.length() <= QUOTED_CHARS_MAX
        ? s
        : s.substring(0, QUOTED_CHARS_MAX / 2) + "…(" + (s.length() - QUOTED_CHARS_MAX) + " more chars)…"
            + s.substring(s.length() - QUOTED_CHARS_MAX / 2);
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
