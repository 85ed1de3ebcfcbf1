package dev.omnisim.lincheck.model;

/** An operation on a set of integers. */
public sealed interface SetOp permits SetOp.Add, SetOp.Read {

  /**
   * Adds {@code element}; no output.
   *
   * @param element the element added
   */
  record Add(long element) implements SetOp {}

  /** Reads the whole set; the output is the set read. */
  record Read() implements SetOp {}
}
