package dev.omnisim.sim;

/** Why the network or a crash lost a message. */
public enum DropReason {
  /** The link was cut, or one end disconnected, when the message was sent. */
  LINK_DOWN("link down"),
  /** The link went down while the message was in flight. */
  LINK_DOWN_IN_FLIGHT("link went down in flight"),
  /** The link's drop probability struck. */
  RANDOM_LOSS("random loss"),
  /** The receiver was down when the message was sent. */
  TARGET_DOWN("receiver down"),
  /** The receiver crashed while the message was in flight. */
  TARGET_CRASHED("receiver crashed in flight");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  /** A few words for logs and traces. */
  public String description() {
    return description;
  }
}
