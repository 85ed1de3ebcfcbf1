package dev.omnisim.kvpaxos;

import dev.omnisim.sim.CallResult;
import dev.omnisim.sim.NodeContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client library: Put, Append and Get against the key-value servers, one operation at a time.
 * Each operation gets the next sequence number and is retried — to the last known leader first, then
 * to the leader a refusal names (its {@code leaderHint}), then
 * round-robin — until a server answers it; the servers' duplicate detection makes the retries
 * harmless. The Clerk lives on a simulated client node and answers through callbacks.
 */
public final class Clerk implements KvClerk {
  private final NodeContext ctx;
  private final long clientId;
  private final List<Integer> servers;
  private final long callTimeoutMicros;
  private final long roundBackoffMicros;
  private long seq;
  private int leaderGuess;
  private KvCommand pending;
  private Consumer<String> pendingDone;
  private int triesThisRound;
  private long attempts;

  /**
   * A Clerk with id {@code clientId} (unique in the cluster) on the node of {@code ctx}, talking to
   * {@code servers}. A call that gets no answer in {@code callTimeoutMicros} is retried elsewhere; after
   * every server has been tried once the Clerk waits {@code roundBackoffMicros} before the next round.
   */
  public Clerk(NodeContext ctx, long clientId, List<Integer> servers, long callTimeoutMicros,
      long roundBackoffMicros) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("clerk " + clientId + " needs at least one server");
    }
    if (callTimeoutMicros <= 0 || roundBackoffMicros < 0) {
      throw new IllegalArgumentException("clerk " + clientId + ": callTimeoutMicros must be > 0 and roundBackoffMicros"
          + " >= 0, were " + callTimeoutMicros + " and " + roundBackoffMicros);
    }
    this.ctx = ctx;
    this.clientId = clientId;
    this.servers = List.copyOf(servers);
    this.callTimeoutMicros = callTimeoutMicros;
    this.roundBackoffMicros = roundBackoffMicros;
  }

  /** Sets {@code key} to {@code value}; {@code done} runs when a server confirmed it. */
  @Override
  public void put(String key, String value, Runnable done) {
    start(new KvCommand.Put(clientId, ++seq, key, value), r -> done.run());
  }

  /** Appends {@code arg} to {@code key}; {@code done} runs when a server confirmed it. */
  @Override
  public void append(String key, String arg, Runnable done) {
    start(new KvCommand.Append(clientId, ++seq, key, arg), r -> done.run());
  }

  /** Reads {@code key} ("" when missing); {@code done} gets the value. */
  @Override
  public void get(String key, Consumer<String> done) {
    start(new KvCommand.Get(clientId, ++seq, key), done);
  }

  /** True while an operation waits for its answer. */
  @Override
  public boolean busy() {
    return pending != null;
  }

  /** This Clerk's id. */
  @Override
  public long clientId() {
    return clientId;
  }

  /** RPCs sent so far, retries included. */
  public long attempts() {
    return attempts;
  }

  private void start(KvCommand command, Consumer<String> done) {
    if (pending != null) {
      throw new IllegalStateException("clerk " + clientId + " was asked for " + command + " while " + pending
          + " is still outstanding; a Clerk does one operation at a time");
    }
    pending = command;
    pendingDone = done;
    triesThisRound = 0;
    attempt();
  }

  private void attempt() {
    KvCommand command = pending;
    int server = servers.get(leaderGuess);
    attempts++;
    ctx.call(server, command, callTimeoutMicros, result -> onResult(command, result));
  }

  private void onResult(KvCommand command, CallResult result) {
    if (pending != command) {
      return; // a late answer to an operation that already finished
    }
    if (result instanceof CallResult.Reply(KvReply.Ok(String value))) {
      Consumer<String> done = pendingDone;
      pending = null;
      pendingDone = null;
      done.accept(value);
      return;
    }
    int hinted = result instanceof CallResult.Reply(KvReply.WrongLeader(int hint)) ? servers.indexOf(hint) : -1;
    leaderGuess = hinted >= 0 && hinted != leaderGuess ? hinted : (leaderGuess + 1) % servers.size();
    if (++triesThisRound < servers.size()) {
      attempt();
    } else {
      triesThisRound = 0;
      ctx.setTimer(roundBackoffMicros, "clerk-retry", this::attempt);
    }
  }
}
