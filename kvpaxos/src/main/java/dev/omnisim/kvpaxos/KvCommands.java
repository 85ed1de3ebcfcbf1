package dev.omnisim.kvpaxos;

import dev.omnisim.consensus.EntryCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Validation and the explicit binary codec of {@link KvCommand}s (no Java serialization). */
public final class KvCommands {
  private static final byte PUT = 1;
  private static final byte APPEND = 2;
  private static final byte GET = 3;

  /** Encodes commands for the replicated log's storage. */
  public static final EntryCodec<KvCommand> CODEC = new EntryCodec<>() {
    @Override
    public byte[] encode(KvCommand entry) {
      return KvCommands.encode(entry);
    }

    @Override
    public KvCommand decode(byte[] bytes) {
      return KvCommands.decode(bytes);
    }
  };

  private KvCommands() {}

  static void check(long clientId, long seq, String key, String value, String valueName) {
    if (seq < 1) {
      throw new IllegalArgumentException("command of client " + clientId + ": seq must be >= 1, was " + seq);
    }
    if (key == null) {
      throw new IllegalArgumentException("command " + clientId + "/" + seq + ": key must not be null");
    }
    if (value == null) {
      throw new IllegalArgumentException("command " + clientId + "/" + seq + ": " + valueName + " must not be null");
    }
  }

  /** The command's bytes: a tag, client id, seq, key and value. */
  public static byte[] encode(KvCommand c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + c.key().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      switch (c) {
        case KvCommand.Put p -> {
          out.writeByte(PUT);
          writeHead(out, c);
          writeString(out, p.value());
        }
        case KvCommand.Append a -> {
          out.writeByte(APPEND);
          writeHead(out, c);
          writeString(out, a.arg());
        }
        case KvCommand.Get g -> {
          out.writeByte(GET);
          writeHead(out, c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The command encoded in {@code bytes}; a malformed encoding is refused with what was wrong. */
  public static KvCommand decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte tag = in.readByte();
      long clientId = in.readLong();
      long seq = in.readLong();
      String key = readString(in);
      return switch (tag) {
        case PUT -> new KvCommand.Put(clientId, seq, key, readString(in));
        case APPEND -> new KvCommand.Append(clientId, seq, key, readString(in));
        case GET -> new KvCommand.Get(clientId, seq, key);
        default -> throw new IllegalArgumentException("not a key-value command: unknown tag " + tag);
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("not a key-value command: " + bytes.length + " bytes, " + e.getMessage(), e);
    }
  }

  private static void writeHead(DataOutputStream out, KvCommand c) throws IOException {
    out.writeLong(c.clientId());
    out.writeLong(c.seq());
    writeString(out, c.key());
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative string length " + n);
    }
    return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }
}
