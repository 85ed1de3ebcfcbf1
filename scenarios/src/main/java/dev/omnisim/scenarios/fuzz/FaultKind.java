package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultAction;
/**
 * The kinds of fault the {@link Nemesis} draws, each a recipe of one or more {@link FaultAction}s.
 * Network kinds run on one track and end with a heal; process kinds on another and end with
 * restarts. A {@link FaultMix} weighs them; the order here is the order of the weighted draw, so the
 * first eight network and four process kinds keep the draws of the original nemesis.
 */
public enum FaultKind {
  /** The servers split at a random point into two sides. */
  HALVES("halves", Track.NETWORK),
  /** A majority and a minority. */
  MAJORITY_MINORITY("majority-minority", Track.NETWORK),
  /** Two halves joined by one bridge server. */
  BRIDGE("bridge", Track.NETWORK),
  /** Each server linked to its two neighbours in a random ring. */
  RING("ring", Track.NETWORK),
  /** Figure 5a: only one server linked to the others. */
  QUORUM_LOSS("quorum-loss", Track.NETWORK),
  /** Servers in a random line. */
  CHAIN("chain", Track.NETWORK),
  /** One link cut one way and another clogged. */
  ONE_WAY_AND_CLOG("one-way-and-clog", Track.NETWORK),
  /** Every link loses and duplicates messages for a while. */
  LOSS("loss", Track.NETWORK),
  /** Figure 5b: one server isolated, one other the hub of the rest. */
  CONSTRAINED_ELECTION("constrained-election", Track.NETWORK),
  /** Figure 5c: every link up but one. */
  CHAINED("chained", Track.NETWORK),
  /** A random link graph, often with exactly one or two quorum-connected servers ({@link RandomTopology}). */
  TOPOLOGY("topology", Track.NETWORK),
  /** One server heard by no one, or hearing no one. */
  ONE_WAY_NODE("one-way-node", Track.NETWORK),
  /** One group of servers heard by no one of another group. */
  ONE_WAY_GROUP("one-way-group", Track.NETWORK),
  /** Single messages held back by several election timeouts, so they arrive in a later ballot. */
  STALE_MESSAGES("stale-messages", Track.NETWORK),

  /** The current leader crashes; everyone down is restarted at the end. */
  CRASH_LEADER("crash-leader", Track.PROCESS),
  /** A random minority crashes. */
  CRASH_MINORITY("crash-minority", Track.PROCESS),
  /** Every server crashes. */
  CRASH_ALL("crash-all", Track.PROCESS),
  /** One server crashes with a disk that, for once, keeps what was not synced. */
  CRASH_DURABLE_DISK("crash-durable-disk", Track.PROCESS),
  /** One server crashes inside a step, between two of its effects (writes, syncs, sends), and restarts. */
  CRASH_IN_STEP("crash-in-step", Track.PROCESS),
  /** One server crashes with a disk that keeps a random part of its unsynced writes, maybe tearing one. */
  CRASH_PARTIAL_DISK("crash-partial-disk", Track.PROCESS);

  /** Which track of the nemesis a kind runs on. */
  public enum Track { NETWORK, PROCESS }

  private final String jsonName;
  private final Track track;

  FaultKind(String jsonName, Track track) {
    this.jsonName = jsonName;
    this.track = track;
  }

  /** Its name in configuration files. */
  public String jsonName() {
    return jsonName;
  }

  /** Its track. */
  public Track track() {
    return track;
  }

  /** The kind called {@code name} in configuration files, or null. */
  public static FaultKind byJsonName(String name) {
    for (FaultKind k : values()) {
      if (k.jsonName.equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** Every name, for error messages. */
  public static String knownNames() {
    StringBuilder out = new StringBuilder();
    for (FaultKind k : values()) {
      out.append(out.isEmpty() ? "" : ", ").append(k.jsonName);
    }
    return out.toString();
  }
}
