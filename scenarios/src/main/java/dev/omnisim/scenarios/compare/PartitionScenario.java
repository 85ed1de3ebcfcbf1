package dev.omnisim.scenarios.compare;

import dev.omnisim.sim.fault.FaultAction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The three partial-connectivity scenarios of the Omni-Paxos paper's figure 5, as the artifact runs
 * them: quorum loss and constrained election on 5 servers, chained on 3. Each cut is one action of the
 * fault vocabulary ({@link FaultAction}).
 */
public enum PartitionScenario {
  /** Figure 5a: every server link cut but those of one follower, the only quorum-connected server. */
  QUORUM_LOSS("quorum-loss", 5),
  /**
   * Figure 5b: the leader isolated; among the rest only the links of one follower are up, and that
   * follower's log lags (it was cut off during the end of the warm-up).
   */
  CONSTRAINED_ELECTION("constrained-election", 5),
  /** Figure 5c: only the link between the leader and one follower cut; the third server bridges. */
  CHAINED("chained", 3);

  private final String label;
  private final int servers;

  PartitionScenario(String label, int servers) {
    this.label = label;
    this.servers = servers;
  }

  /** The name the command line and the JSON use. */
  public String label() {
    return label;
  }

  /** How many servers the artifact runs this scenario on. */
  public int servers() {
    return servers;
  }

  /** True when the quorum-connected server must lag before the cut (constrained election). */
  boolean lagsBeforeCut() {
    return this == CONSTRAINED_ELECTION;
  }

  /** The cut around {@code leader}, with {@code s} the quorum-connected follower (or the cut partner). */
  FaultAction cut(int s, int leader) {
    return switch (this) {
      case QUORUM_LOSS -> new FaultAction.QuorumLoss(s);
      case CONSTRAINED_ELECTION -> new FaultAction.ConstrainedElection(leader, s);
      case CHAINED -> new FaultAction.Chained(s, leader);
    };
  }

  /** Every scenario's name, in the paper's order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(PartitionScenario::label).toList();
  }

  /** The scenario called {@code label}. */
  public static Optional<PartitionScenario> byLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }
}
