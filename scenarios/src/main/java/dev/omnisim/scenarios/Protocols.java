package dev.omnisim.scenarios;

import java.util.ArrayList;
import java.util.Collections;
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
    // Baselines register here, one line each (dev.omnisim.baselines).
    all.put("raft", Implementation.REFERENCE.named("raft").withConsensus(dev.omnisim.baselines.raft.Raft.factory(dev.omnisim.baselines.raft.RaftOptions.PLAIN)).withGuarantees(java.util.EnumSet.noneOf(dev.omnisim.scenarios.check.Guarantee.class)));
    all.put("raft-pvcq", Implementation.REFERENCE.named("raft-pvcq").withConsensus(dev.omnisim.baselines.raft.Raft.factory(dev.omnisim.baselines.raft.RaftOptions.PRE_VOTE_CHECK_QUORUM)).withGuarantees(java.util.EnumSet.noneOf(dev.omnisim.scenarios.check.Guarantee.class)));
    return Collections.unmodifiableMap(all);
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
