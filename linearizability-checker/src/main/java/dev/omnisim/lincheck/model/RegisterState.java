package dev.omnisim.lincheck.model;

/**
 * The value a register holds.
 *
 * @param value the value, {@code null} for nil
 */
public record RegisterState(Long value) {
  @Override
  public String toString() {
    return value == null ? "nil" : value.toString();
  }
}
