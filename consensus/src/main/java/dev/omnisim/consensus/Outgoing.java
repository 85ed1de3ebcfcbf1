package dev.omnisim.consensus;

import java.util.Objects;

/**
 * A message a peer wants sent.
 *
 * @param to the id of the destination peer
 * @param message the message; an immutable value
 */
public record Outgoing(int to, Object message) {

  /** Checks that the message is present. */
  public Outgoing {
    Objects.requireNonNull(message, "message");
  }
}
