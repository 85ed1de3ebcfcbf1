package dev.omnisim.kvpaxos;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key-value map that the decided log is applied to, with duplicate detection: for each client
 * only its latest applied operation and result are kept, since a client with one outstanding request
 * has seen every earlier reply. Applying a command a second time returns the first result and
 * changes nothing, which is what makes each Clerk call execute exactly once.
 */
public class KvStateMachine {
  /** Latest applied operation of a client and what it returned. */
  protected record Applied(long seq, String result) {}

  /** The map; keys are strings, so hashing is the same on every JVM. */
  protected final HashMap<String, String> data = new HashMap<>();
  /** Duplicate table: client id to its latest applied operation. */
  protected final HashMap<Long, Applied> latestByClient = new HashMap<>();

  /**
   * Applies one decided command and returns its result ("" for Put and Append, the value for Get).
   * A command already applied returns its first result; an older one (the client moved on) returns
   * null and changes nothing.
   */
  public String apply(KvCommand c) {
    Applied latest = latestByClient.get(c.clientId());
    if (latest != null && c.seq() <= latest.seq()) {
      return c.seq() == latest.seq() ? latest.result() : null;
    }
    String result = execute(c);
    latestByClient.put(c.clientId(), new Applied(c.seq(), result));
    return result;
  }

  /** The result of {@code c} if it was already applied, else null. */
  public String resultIfApplied(KvCommand c) {
    Applied latest = latestByClient.get(c.clientId());
    return latest != null && latest.seq() == c.seq() ? latest.result() : null;
  }

  /** Executes a command on the map, without duplicate detection. */
  protected String execute(KvCommand c) {
    return switch (c) {
      case KvCommand.Put p -> {
        data.put(p.key(), p.value());
        yield "";
      }
      case KvCommand.Append a -> {
        data.merge(a.key(), a.arg(), String::concat);
        yield "";
      }
      case KvCommand.Get g -> data.getOrDefault(g.key(), "");
    };
  }

  /** The value of {@code key} in this replica's map ("" when missing), without going through the log. */
  public String localValue(String key) {
    return data.getOrDefault(key, "");
  }

  /** Number of keys held. */
  public int size() {
    return data.size();
  }

  /** Number of clients in the duplicate table. */
  public int clientsTracked() {
    return latestByClient.size();
  }

  /** The map and duplicate table as bytes, in key order so equal states give equal bytes. */
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(data.size());
      for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
        KvCommands.writeString(out, e.getKey());
        KvCommands.writeString(out, e.getValue());
      }
      out.writeInt(latestByClient.size());
      for (Map.Entry<Long, Applied> e : new TreeMap<>(latestByClient).entrySet()) {
        out.writeLong(e.getKey());
        out.writeLong(e.getValue().seq());
        KvCommands.writeString(out, e.getValue().result());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Replaces this state with the one {@link #snapshot()} encoded. */
  public void restore(byte[] snapshot) {
    data.clear();
    latestByClient.clear();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      int keys = in.readInt();
      for (int i = 0; i < keys; i++) {
        data.put(KvCommands.readString(in), KvCommands.readString(in));
      }
      int clients = in.readInt();
      for (int i = 0; i < clients; i++) {
        long client = in.readLong();
        latestByClient.put(client, new Applied(in.readLong(), KvCommands.readString(in)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a key-value snapshot (" + snapshot.length + " bytes): " + e.getMessage(), e);
    }
  }
}
