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
   * Digest of the map and the duplicate table: a sum, modulo 2^64, of one hash per key-value pair and
   * one per duplicate-table entry, kept up to date on every change so that comparing replicas after
   * every step costs nothing. Equal states give equal digests whatever order they were built in.
   */
  private long digest;

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
    remember(c.clientId(), new Applied(c.seq(), result));
    return result;
  }

  /** Records {@code applied} as {@code client}'s latest operation in the duplicate table. */
  protected void remember(long client, Applied applied) {
    Applied old = latestByClient.put(client, applied);
    if (old != null) {
      digest -= clientHash(client, old);
    }
    digest += clientHash(client, applied);
  }

  /** Sets {@code key} to {@code value} in the map. */
  protected void put(String key, String value) {
    String old = data.put(key, value);
    if (old != null) {
      digest -= pairHash(key, old);
    }
    digest += pairHash(key, value);
  }

  /**
   * The digest of this replica's map and duplicate table: replicas that applied the same entries
   * have equal digests; a replica that applied a duplicate twice, skipped one, or installed a
   * snapshot that lost part of the state has, almost surely, another.
   */
  public long digest() {
    return digest;
  }

  private static long pairHash(String key, String value) {
    return mix(fnv(key) * 31 + fnv(value));
  }

  private static long clientHash(long client, Applied a) {
    return mix(mix(client) * 31 + mix(a.seq()) * 17 + fnv(a.result()) + 0x9e3779b97f4a7c15L);
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
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
        put(p.key(), p.value());
        yield "";
      }
      case KvCommand.Append a -> {
        put(a.key(), data.getOrDefault(a.key(), "").concat(a.arg()));
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
    digest = 0;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      int keys = in.readInt();
      for (int i = 0; i < keys; i++) {
        put(KvCommands.readString(in), KvCommands.readString(in));
      }
      int clients = in.readInt();
      for (int i = 0; i < clients; i++) {
        long client = in.readLong();
        remember(client, new Applied(in.readLong(), KvCommands.readString(in)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a key-value snapshot (" + snapshot.length + " bytes): " + e.getMessage(), e);
    }
  }
}
