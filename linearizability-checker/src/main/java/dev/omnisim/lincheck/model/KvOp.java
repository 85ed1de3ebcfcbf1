package dev.omnisim.lincheck.model;

import java.util.Objects;

/** An operation on the key-value store; each names one key. */
public sealed interface KvOp permits KvOp.Put, KvOp.Append, KvOp.Get {

  /** The key the operation touches. */
  String key();

  /**
   * Sets {@code key} to {@code value}.
   *
   * @param key the key
   * @param value the new value
   */
  record Put(String key, String value) implements KvOp {
    /** Rejects nulls. */
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Appends {@code value} to the value of {@code key}; on a missing key it acts like a put.
   *
   * @param key the key
   * @param value what to append
   */
  record Append(String key, String value) implements KvOp {
    /** Rejects nulls. */
    public Append {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Reads the value of {@code key}; a missing key reads as {@code ""}. Its output is the value.
   *
   * @param key the key
   */
  record Get(String key) implements KvOp {
    /** Rejects nulls. */
    public Get {
      Objects.requireNonNull(key, "key");
    }
  }
}
