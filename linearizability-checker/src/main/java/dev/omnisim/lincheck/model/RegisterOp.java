package dev.omnisim.lincheck.model;

/**
 * An operation on a register. Values are integers or {@code null} (Jepsen's {@code nil}, the
 * initial value unless a model says otherwise).
 */
public sealed interface RegisterOp permits RegisterOp.Read, RegisterOp.Write, RegisterOp.Cas {

  /** Reads the value; the output is the value read. */
  record Read() implements RegisterOp {}

  /**
   * Writes {@code value}; no output.
   *
   * @param value the value written
   */
  record Write(Long value) implements RegisterOp {}

  /**
   * Sets the value to {@code replacement} if it is {@code expected}. As in Jepsen, a completed cas
   * succeeded (a cas known to have failed is a failed call, dropped from the history); no output.
   *
   * @param expected the value it must find
   * @param replacement the value it then writes
   */
  record Cas(Long expected, Long replacement) implements RegisterOp {}
}
