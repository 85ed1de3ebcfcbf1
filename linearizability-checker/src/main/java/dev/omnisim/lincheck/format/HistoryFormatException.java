package dev.omnisim.lincheck.format;

/**
 * A history file could not be read. The message is one line naming the file, the line and the
 * problem, e.g. {@code history.jsonl:12: operation 7 returns at 40, before its call at 50}.
 */
public final class HistoryFormatException extends Exception {

  private final String file;
  private final int line;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file's name as the user gave it
   * @param line the 1-based line of the problem; 0 when it concerns the whole file
   * @param problem what is wrong, as a sentence fragment
   */
  public HistoryFormatException(String file, int line, String problem) {
    super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file's name as the user gave it. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem; 0 when it concerns the whole file. */
  public int line() {
    return line;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }
}
