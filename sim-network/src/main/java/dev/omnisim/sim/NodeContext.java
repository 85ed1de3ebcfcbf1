package dev.omnisim.sim;

import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Everything a node may use: its id, the time, the network, timers, its disk, its random stream and
 * its log. Node code must not know whether it runs in the simulator. A context belongs to one
 * incarnation of a node: after a crash every method throws, because a crashed process does nothing.
 *
 * <p>A crash can also strike inside a step ({@link Simulation#crashDuringNextStep}): then the call that
 * would have made the next effect ({@link #send}, {@link #call}, {@link #setTimer}, {@link
 * Responder#reply}, a change of the {@link #disk()}) throws an {@link Error} instead, which unwinds the
 * handler as the process's death would. Node code must let errors through; catching only {@link
 * Exception} does.
 */
public interface NodeContext {

  /** This node's id. */
  int id();

  /** Virtual time in microseconds since the start of the run. */
  long now();

  /** Sends a one-way message; the network may delay, drop, duplicate or reorder it. */
  void send(int to, Object message);

  /**
   * Calls node {@code to}: {@code onDone} runs exactly once, with the reply or with a failure (timeout
   * after {@code timeoutMicros}, unreachable, request or reply dropped, callee down or crashed). As in
   * labrpc, a failure does not mean the handler did not run. It never runs if this node crashes first.
   */
  void call(int to, Object request, long timeoutMicros, Consumer<CallResult> onDone);

  /** Runs {@code action} after {@code delayMicros} unless cancelled or this node crashes first. */
  Timer setTimer(long delayMicros, String name, Runnable action);

  /** This node's durable storage: it survives crashes. */
  Disk disk();

  /** This node's own seeded random stream. */
  RandomGenerator random();

  /** A logger whose lines carry the virtual time and this node's id. */
  SimLog log();
}
