package dev.omnisim.consensus;

import java.nio.charset.StandardCharsets;

/**
 * Turns log entries into bytes and back, for a peer's storage on its {@link ByteStore}. Explicit, so no Java
 * serialization is ever involved.
 *
 * @param <T> the entry type
 */
public interface EntryCodec<T> {

  /** Encodes strings as UTF-8. */
  EntryCodec<String> UTF8_STRING =
      new EntryCodec<>() {
        @Override
        public byte[] encode(String entry) {
          return entry.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

  /**
   * Encodes one entry.
   *
   * @param entry the entry
   * @return its bytes; {@link #decode} of them gives an equal entry
   */
  byte[] encode(T entry);

  /**
   * Decodes one entry.
   *
   * @param bytes bytes produced by {@link #encode}
   * @return the entry
   */
  T decode(byte[] bytes);
}
