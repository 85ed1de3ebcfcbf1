package dev.omnisim.lincheck.model;

import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import java.util.List;
import java.util.Objects;

/**
 * A single register, in two flavours: {@link #register()} (read and write, Knossos's {@code
 * register}) and {@link #casRegister()} (also compare-and-set, Knossos's {@code cas-register}).
 * Outputs: a read's output is the value read; writes and cas have none.
 */
public final class RegisterModel implements Model<RegisterState, RegisterOp, Long> {

  private final boolean casAllowed;
  private final RegisterState initial;

  private RegisterModel(boolean casAllowed, Long initialValue) {
    this.casAllowed = casAllowed;
    this.initial = new RegisterState(initialValue);
  }

  /** A read/write register that starts at nil. */
  public static RegisterModel register() {
    return new RegisterModel(false, null);
  }

  /** A read/write register that starts at {@code initialValue}. */
  public static RegisterModel register(Long initialValue) {
    return new RegisterModel(false, initialValue);
  }

  /** A read/write/cas register that starts at nil. */
  public static RegisterModel casRegister() {
    return new RegisterModel(true, null);
  }

  /** A read/write/cas register that starts at {@code initialValue}. */
  public static RegisterModel casRegister(Long initialValue) {
    return new RegisterModel(true, initialValue);
  }

  /** True for the cas-register flavour. */
  public boolean casAllowed() {
    return casAllowed;
  }

  @Override
  public String name() {
    return casAllowed ? "cas-register" : "register";
  }

  @Override
  public RegisterState initialState() {
    return initial;
  }

  @Override
  public RegisterState step(RegisterState state, RegisterOp input, Long output) {
    return switch (input) {
      case RegisterOp.Read read -> Objects.equals(state.value(), output) ? state : null;
      case RegisterOp.Write write -> new RegisterState(write.value());
      case RegisterOp.Cas cas -> {
        requireCas();
        yield Objects.equals(state.value(), cas.expected()) ? new RegisterState(cas.replacement()) : null;
      }
    };
  }

  @Override
  public RegisterState stepPending(RegisterState state, RegisterOp input) {
    return switch (input) {
      case RegisterOp.Read read -> state;
      case RegisterOp.Write write -> new RegisterState(write.value());
      case RegisterOp.Cas cas -> {
        requireCas();
        // A cas that found another value changed nothing: the same as never taking effect.
        yield Objects.equals(state.value(), cas.expected()) ? new RegisterState(cas.replacement()) : state;
      }
    };
  }

  private void requireCas() {
    if (!casAllowed) {
      throw new IllegalArgumentException("the register model has no cas; use the cas-register model");
    }
  }

  /** A read can become legal only if some write or cas that may come first writes the value it read. */
  @Override
  public boolean canBecomeLegal(RegisterState state, RegisterOp input, Long output, List<RegisterOp> mayComeFirst) {
    for (RegisterOp other : mayComeFirst) {
      if (other instanceof RegisterOp.Write write && Objects.equals(write.value(), output)
          || other instanceof RegisterOp.Cas cas && Objects.equals(cas.replacement(), output)) {
        return true;
      }
    }
    return false;
  }

  /** Reads change nothing. */
  @Override
  public boolean readOnly(RegisterOp input) {
    return input instanceof RegisterOp.Read;
  }

  @Override
  public String describeOperation(Operation<RegisterOp, Long> operation) {
    String call = switch (operation.input()) {
      case RegisterOp.Read read -> "read()";
      case RegisterOp.Write write -> "write(" + show(write.value()) + ")";
      case RegisterOp.Cas cas -> "cas(" + show(cas.expected()) + ", " + show(cas.replacement()) + ")";
    };
    if (operation.pending()) {
      return call + " → ? (outcome unknown)";
    }
    return operation.input() instanceof RegisterOp.Read ? call + " → " + show(operation.output()) : call;
  }

  @Override
  public String describeState(RegisterState state) {
    return state.toString();
  }

  private static String show(Long value) {
    return value == null ? "nil" : value.toString();
  }
}
