package dev.omnisim.lincheck.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * How one model's inputs and outputs are written in history files. Methods that read throw {@link
 * IllegalArgumentException} with a message fit for the user (the caller adds file and line).
 *
 * <p>EDN values are what {@link EdnReader} produces: {@code null}, {@link Boolean}, {@link Long},
 * {@link java.math.BigInteger}, {@link Double}, {@link String}, {@link Keyword}, {@link java.util.List}
 * (vectors and lists), {@link java.util.Map} and {@link java.util.Set}.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public interface OperationCodec<I, O> {

  /** JSON fields this model uses besides the common ones ({@code id}, {@code f}, {@code output}, ...). */
  Set<String> jsonFields();

  /** The input named by {@code function} (the {@code f} field), from the line's other fields. */
  I inputFromJson(String function, JsonNode line);

  /** The output of a completed operation from the line's {@code output} field (a missing node if absent). */
  O outputFromJson(I input, JsonNode output);

  /** The function name ({@code f}) of an input. */
  String function(I input);

  /** Writes the input's fields (not {@code f}) into a line. */
  void inputToJson(I input, ObjectNode line);

  /** Writes the output into a line's {@code output} field, if the operation has one. */
  void outputToJson(I input, O output, ObjectNode line);

  /** The input from a Jepsen invocation's {@code :f} name and {@code :value}. */
  I inputFromEdn(String function, Object value);

  /** The output from the {@code :value} of the {@code :ok} completion. */
  O outputFromEdn(I input, Object value);

  /** The Jepsen {@code :f} name of an input. */
  String ednFunction(I input);

  /** The {@code :value} of the Jepsen invocation. */
  Object ednInvokeValue(I input);

  /** The {@code :value} of the Jepsen {@code :ok} completion. */
  Object ednOkValue(I input, O output);
}
