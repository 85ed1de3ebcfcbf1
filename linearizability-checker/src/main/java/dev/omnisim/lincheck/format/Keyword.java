package dev.omnisim.lincheck.format;

/**
 * An EDN keyword such as {@code :invoke}, as the EDN reader returns it and the writer prints it.
 *
 * @param name the name without the colon
 */
public record Keyword(String name) {
  @Override
  public String toString() {
    return ":" + name;
  }
}
