package dev.omnisim.scenarios;

import dev.omnisim.baselines.multipaxos.MultiPaxos;
import dev.omnisim.baselines.raft.Raft;
import dev.omnisim.baselines.raft.RaftOptions;
import dev.omnisim.baselines.vr.ViewstampedReplication;
import dev.omnisim.scenarios.check.Guarantee;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocols a run can use by name ({@code --protocol}): OmniPaxos, the reference, and the baselines
 * it is compared with. Each name maps to a whole {@link Implementation}: the protocol under the reference
 * key-value server and Clerk, claiming only the guarantees its paper claims. Iteration follows the order
 * in which they are listed here.
 */
public final class Protocols {

  /** The default protocol. */
  public static final String DEFAULT = "omnipaxos";

  private static final Map<String, Implementation> BY_NAME = build();

  private Protocols() {}

  private static Map<String, Implementation> build() {
    Map<String, Implementation> all = new LinkedHashMap<>();
    all.put(DEFAULT, Implementation.REFERENCE);
    // A baseline claims none of OmniPaxos's partial-connectivity guarantees, only safety.
    EnumSet<Guarantee> none = EnumSet.noneOf(Guarantee.class);
    // Baselines register here, one line each (dev.omnisim.baselines).
    all.put("raft", Implementation.REFERENCE.withConsensus(Raft.factory(RaftOptions.PLAIN)).named("raft")
        .withGuarantees(none));
    all.put("raft-pvcq", Implementation.REFERENCE.withConsensus(Raft.factory(RaftOptions.PRE_VOTE_CHECK_QUORUM))
        .named("raft-pvcq").withGuarantees(none));
    all.put("multipaxos", Implementation.REFERENCE.withConsensus(MultiPaxos::new).named("multipaxos")
        .withGuarantees(none));
    all.put("vr", Implementation.REFERENCE.withConsensus(ViewstampedReplication::new).named("vr")
        .withGuarantees(none));
    return Collections.unmodifiableMap(all);
  }

  /**
   * What a command line needs to run protocol {@code name} again: empty for the default, else {@code " --protocol
   * NAME"}. Replay commands of runs, grades and campaigns end with it.
   */
  public static String argument(String name) {
    return DEFAULT.equals(name) ? "" : " --protocol " + name;
  }

  /** {@code " over NAME"} for a protocol other than the default, empty for the default: headers and titles. */
  public static String over(String name) {
    return DEFAULT.equals(name) ? "" : " over " + name;
  }

  /** Every protocol's name, in listing order. */
  public static List<String> names() {
    return new ArrayList<>(BY_NAME.keySet());
  }

  /** The implementation called {@code name}, if there is one. */
  public static Optional<Implementation> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
