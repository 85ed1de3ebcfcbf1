package dev.omnisim.scenarios;

import static dev.omnisim.scenarios.LabScenarios.ITERATIONS;
import static dev.omnisim.scenarios.LabScenarios.SECOND;
import static dev.omnisim.scenarios.LabScenarios.await;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.Latency;
import dev.omnisim.sim.Network;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.SimLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The extended set, after the MIT 6.824 key-value tests: more clients, an unreliable network,
 * concurrent appends to one key, clients stuck in a minority, random partitions, crashes of every
 * server, and a many-client random-key workload judged by the linearizability checker alone. Like the
 * lab's scenarios, every history also goes through the checker in the runner.
 */
final class ExtendedScenarios {
  /** Rounds of the lab workload per phase in the 5-client scenarios. */
  static final int ROUNDS = 50;
  /** Rounds per phase when faults slow every operation down. */
  static final int FAULTY_ROUNDS = 20;
  /**
   * Rounds per phase with crashes on an unreliable network: an operation there often waits out a
   * KvClerk timeout, so 10 rounds already span several partitions (and 20 took up to 72 s of the 120).
   */
  static final int CRASH_ROUNDS = 10;
  /** Longest pause of a client between two rounds under a nemesis, so a phase outlasts several partitions. */
  static final long THINK_MICROS_MAX = 200_000;
  /** Appends each client makes to the one shared key. */
  static final int ONE_KEY_APPENDS = 20;
  /** How long the minority's operations must stay pending, and how long they get after the heal. */
  static final long MINORITY_WAIT_MICROS = SECOND;
  static final long AFTER_HEAL_MICROS = 3 * SECOND;
  /**
   * The many-clients workload: clients, servers, operations per client, keys. With 5 keys the
   * checker's search took up to 6 s on one seed in 200 (15 clients overlapping on one key across a
   * partition); with 10 it stays under 1 s.
   */
  static final int MANY_CLIENTS = 15;
  static final int MANY_SERVERS = 7;
  static final int MANY_OPS_PER_CLIENT = 20;
  static final int MANY_KEYS = 10;

  private ExtendedScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("concurrent", "Concurrent Clients",
            "5 servers, 5 concurrent clients, 3 x 50 rounds of the lab workload",
            5, NetworkPreset.RELIABLE, labOps(5, ROUNDS),
            (c, r) -> LabScenarios.basic(c, r, 5, ROUNDS)),
        new Scenario("unreliable-many", "Unreliable Many Clients",
            "5 servers on labrpc's unreliable network, 5 concurrent clients, 3 x 20 rounds of the lab workload",
            5, NetworkPreset.UNRELIABLE, labOps(5, FAULTY_ROUNDS),
            (c, r) -> LabScenarios.basic(c, r, 5, FAULTY_ROUNDS)),
        new Scenario("one-key-concurrent-appends", "Unreliable One Key Concurrent Appends",
            "unreliable network, 5 clients append (and read) 20 times each on one key; each append once, in order",
            5, NetworkPreset.UNRELIABLE, 2 + 2 * 5 * ONE_KEY_APPENDS,
            (c, r) -> oneKeyConcurrentAppends(c, 5)),
        new Scenario("one-partition", "One Partition",
            "5 servers, old leader in a minority of 2: the majority progresses, the minority's ops wait until the heal",
            5, NetworkPreset.RELIABLE, 9,
            ExtendedScenarios::onePartition),
        new Scenario("many-partitions", "Many Partitions Many Clients",
            "5 servers split at random every ~1 s while 5 clients run 3 x 20 rounds of the lab workload",
            5, NetworkPreset.RELIABLE, labOps(5, FAULTY_ROUNDS),
            (c, r) -> underNemesis(c, r, 5, FAULTY_ROUNDS, THINK_MICROS_MAX, false, false)),
        new Scenario("persist-partitions-unreliable", "Persist Partitions Unreliable",
            "unreliable, random partitions and crashes while 5 clients run 3 x 10 rounds; then all servers crash;"
                + " values survive",
            5, NetworkPreset.UNRELIABLE, labOps(5, CRASH_ROUNDS) + ITERATIONS * 5L,
            (c, r) -> underNemesis(c, r, 5, CRASH_ROUNDS, 0, true, true)),
        new Scenario("many-clients", "Many Clients Random Keys Partitions Unreliable",
            "7 servers, unreliable, split every ~1 s; 15 clients x 20 random Put/Append/Get on 10 keys; checker only",
            MANY_SERVERS, NetworkPreset.UNRELIABLE, (long) MANY_CLIENTS * MANY_OPS_PER_CLIENT,
            ExtendedScenarios::manyClients),
        new Scenario("stale-acknowledgements", "Acknowledgements Two Leader Changes Late",
            "3 servers: a follower's acknowledgements held back 3 s while the leader loses and retakes the lead,"
                + " then they arrive",
            3, NetworkPreset.RELIABLE, 0,
            (c, r) -> staleAcknowledgements(c)));
  }

  /** How long the followers' messages to the first leader are held back in {@link #staleAcknowledgements}. */
  static final long STALE_ACK_MICROS = 3 * SECOND;
  /** Most appends of the writer in {@link #staleAcknowledgements}, and its pause after each. */
  static final int STALE_ACK_APPENDS = 1_000;
  static final long STALE_ACK_THINK_MICROS = 10_000;

  /**
   * Acknowledgements that arrive two leader changes late (issue 11's "stale messages": an Accepted of
   * an older ballot reaching the same leader in a newer one). Leader m's messages to follower g are
   * cut and follower f's messages to m held back 3 s, while a client appends: m holds an entry that
   * only f acknowledged, late. The followers soon elect themselves (m is not quorum-connected); the
   * winner x is crashed at once, before its prepare can finish, but m and the other, y, have promised
   * its ballot. Links between m and y work again (y's held-back messages still on their way), m takes
   * over from x's unfinished ballot in a new one, and as soon as m leads there its link to y is cut
   * one way: nobody acknowledges m's entries in its new ballot. Then f's held-back acknowledgements of
   * m's first ballot arrive. A leader must
   * not count them ({@code decisions rest on a quorum} names one that does: it decides entries that
   * only it holds in its ballot). Then everything heals, x restarts, and every append the writer saw
   * acknowledged must be in the final value, once and in order. A protocol whose election does not
   * move here (a Raft leader keeps leading while its followers hear it) just waits the 3 s out.
   */
  static void staleAcknowledgements(KvCluster cluster) {
    KvClerk ck = cluster.makeClerk();
    put(cluster, ck, "k", "");
    int m = cluster.awaitLeader(10 * SECOND);
    int[] followers = IntStream.of(cluster.serverIds()).filter(id -> id != m).toArray();
    boolean[] stop = new boolean[1];
    List<Integer> acknowledged = new ArrayList<>();
    appendUntilStopped(cluster, ck, 0, stop, acknowledged);
    cluster.runFor(100_000);

    Network net = cluster.sim().network();
    long heldAt = cluster.sim().now();
    var firstTerm = cluster.leadership(m).term();
    int f = Math.min(followers[0], followers[1]);
    int g = Math.max(followers[0], followers[1]);
    net.setLinkFaults(f, m, net.faults(f, m).withStaleMessages(1.0, new Latency.Constant(STALE_ACK_MICROS)));
    net.cutOneWay(m, g);
    int[] usurper = {-1};
    cluster.runUntil(() -> cluster.leaderSeenBy(f).orElse(-1) == f || cluster.leaderSeenBy(g).orElse(-1) == g,
        STALE_ACK_MICROS / 2);
    cluster.runFor(50); // the other follower's tick at the same instant; no message arrives this soon
    for (int id : followers) {
      // Both may elect themselves in one round: the higher term wins (the other promises it), and is crashed.
      if (cluster.leaderSeenBy(id).orElse(-1) == id && (usurper[0] < 0
          || cluster.leadership(id).term().isAbove(cluster.leadership(usurper[0]).term()))) {
        usurper[0] = id;
      }
    }
    if (usurper[0] >= 0) {
      int x = usurper[0];
      int y = x == f ? g : f;
      cluster.crash(x);
      net.setLinkFaults(y, m, net.defaultFaults()); // y's new messages arrive at once, its held-back ones later
      net.linkOneWay(m, y);
      boolean retook = cluster.runUntil(() -> cluster.leadership(m).leading()
          && cluster.leadership(m).term().isAbove(firstTerm), heldAt + STALE_ACK_MICROS - cluster.sim().now());
      if (retook) {
        net.cutOneWay(m, y);
      }
    }
    cluster.runFor(Math.max(0, heldAt + STALE_ACK_MICROS + SECOND / 2 - cluster.sim().now()));

    net.clearLinkFaults();
    net.heal();
    for (int id : cluster.serverIds()) {
      if (!cluster.sim().isUp(id)) {
        cluster.restart(id);
      }
    }
    stop[0] = true;
    await(cluster, () -> !ck.busy(), "the writer's last append after the heal");
    String value = get(cluster, ck, "k");
    LabWorkload.checkClientAppends(0, value, acknowledged);
  }

  /** Appends "x 0 j y" to k for j = 0, 1, ... until {@code stop}, noting each acknowledged j. */
  private static void appendUntilStopped(KvCluster cluster, KvClerk clerk, int j, boolean[] stop,
      List<Integer> acknowledged) {
    if (stop[0] || j == STALE_ACK_APPENDS) {
      return;
    }
    clerk.append("k", "x 0 " + j + " y", () -> {
      acknowledged.add(j);
      cluster.sim().schedule(STALE_ACK_THINK_MICROS, "writer thinks",
          () -> appendUntilStopped(cluster, clerk, j + 1, stop, acknowledged));
    });
  }

  /** Operations of {@link LabScenarios#basic}: per iteration and client a Put, 2 per round, the checker's Get. */
  static long labOps(int clients, int rounds) {
    return (long) ITERATIONS * clients * (2 + 2L * rounds);
  }

  /**
   * The 6.824 TestUnreliableOneKey: Put(k, ""), then every client appends "x cli j y" for j = 0..n-1
   * to k at once (each followed by a Get); one Get at the end must hold each client's appends exactly
   * once and in its order, and nothing else (the lab's checkConcurrentAppends).
   */
  static void oneKeyConcurrentAppends(KvCluster cluster, int clients) {
    KvClerk first = cluster.makeClerk();
    boolean[] put = new boolean[1];
    first.put("k", "", () -> put[0] = true);
    await(cluster, () -> put[0], "Put(k, \"\")");
    int[] appended = new int[clients];
    for (int cli = 0; cli < clients; cli++) {
      appendLoop(cluster.makeClerk(), cli, 0, appended);
    }
    await(cluster, () -> IntStream.of(appended).allMatch(n -> n == ONE_KEY_APPENDS),
        clients + " clients' " + ONE_KEY_APPENDS + " appends to k");
    String value = get(cluster, first, "k");
    List<Integer> each = IntStream.range(0, ONE_KEY_APPENDS).boxed().toList();
    for (int cli = 0; cli < clients; cli++) {
      LabWorkload.checkClientAppends(cli, value, each);
    }
    int wantedLength = 0;
    for (int cli = 0; cli < clients; cli++) {
      for (int j = 0; j < ONE_KEY_APPENDS; j++) {
        wantedLength += ("x " + cli + " " + j + " y").length();
      }
    }
    if (value.length() != wantedLength) {
      throw new ScenarioFailure("k holds " + value.length() + " characters, but the appends add up to " + wantedLength
          + ": something else was appended: " + value);
    }
  }

  /**
   * Client {@code cli}'s loop: Append "x cli j y", then Get k, which must already show appends 0..j of
   * this client once each and in order (it saw them acknowledged). The Gets are also what keeps the
   * linearizability check cheap: without them only the final Get orders 100 concurrent appends, and
   * the checker would have to try their interleavings.
   */
  private static void appendLoop(KvClerk clerk, int cli, int j, int[] appended) {
    if (j == ONE_KEY_APPENDS) {
      return;
    }
    clerk.append("k", "x " + cli + " " + j + " y", () -> clerk.get("k", value -> {
      LabWorkload.checkClientAppends(cli, value, IntStream.rangeClosed(0, j).boxed().toList());
      appended[cli] = j + 1;
      appendLoop(clerk, cli, j + 1, appended);
    }));
  }

  /**
   * The 6.824 TestOnePartition, with the harder placement: the leader and one more server form the
   * minority, so the minority holds a server that still believes it leads. The majority elects a
   * leader and serves its client; a Put and a Get from the minority's clients must not complete
   * while partitioned (nothing the minority answers can be known to be current), and both must
   * complete within 3 s once the network heals.
   */
  static void onePartition(KvCluster cluster, DeterministicRandom random) {
    KvClerk ck = cluster.makeClerk();
    put(cluster, ck, "1", "13");
    int leader = cluster.awaitLeader(10 * SECOND);
    int[] others = IntStream.of(cluster.serverIds()).filter(id -> id != leader).toArray();
    int partner = others[random.nextInt(others.length)];
    int[] minority = {leader, partner};
    int[] majority = IntStream.of(others).filter(id -> id != partner).toArray();
    new FaultAction.Partition(List.of(IntStream.of(majority).boxed().toList(), IntStream.of(minority).boxed().toList()))
        .apply(cluster.faultTarget());
    KvClerk ckp1 = cluster.makeClerk(majority);
    KvClerk ckp2a = cluster.makeClerk(minority);
    KvClerk ckp2b = cluster.makeClerk(minority);

    put(cluster, ckp1, "1", "14");
    check(cluster, ckp1, "1", "14");

    boolean[] minorityPut = new boolean[1];
    String[] minorityGet = new String[1];
    ckp2a.put("1", "15", () -> minorityPut[0] = true);
    ckp2b.get("1", v -> minorityGet[0] = v);
    cluster.runFor(MINORITY_WAIT_MICROS);
    requireNoMinorityProgress(minorityPut[0], minorityGet[0], "after " + SimLog.formatMicros(MINORITY_WAIT_MICROS));

    check(cluster, ckp1, "1", "14");
    put(cluster, ckp1, "1", "16");
    check(cluster, ckp1, "1", "16");
    requireNoMinorityProgress(minorityPut[0], minorityGet[0], "while the majority wrote 16");

    cluster.heal();
    if (!cluster.runUntil(() -> minorityPut[0] && minorityGet[0] != null, AFTER_HEAL_MICROS)) {
      throw new ScenarioFailure("completion after heal: the minority's " + (minorityPut[0] ? "Get" : "Put")
          + " did not complete within " + SimLog.formatMicros(AFTER_HEAL_MICROS) + " after the network healed");
    }
    check(cluster, ck, "1", "15");
  }

  private static void requireNoMinorityProgress(boolean putDone, String getResult, String when) {
    if (putDone) {
      throw new ScenarioFailure("Put(1, 15) in the minority completed " + when + "; a minority cannot commit");
    }
    if (getResult != null) {
      throw new ScenarioFailure("Get(1) in the minority completed " + when + " with '" + getResult
          + "'; a minority cannot know it is current");
    }
  }

  /**
   * The 6.824 GenericTest with partitions (and, with {@code crashAll}, crashes on an unreliable
   * network): per iteration the nemesis splits the servers every ~1 s (and crashes or restarts one
   * with {@code crashes}) while the clients run {@code rounds} of the lab workload, pausing up to {@code thinkMicrosMax}
   * between rounds; then the network heals. With
   * {@code crashAll} every server then crashes and restarts after 1 s, and each client's key must still
   * hold what it held before: only what was persisted survives.
   */
  static void underNemesis(KvCluster cluster, DeterministicRandom random, int clients, int rounds,
      long thinkMicrosMax, boolean crashes, boolean crashAll) {
    KvClerk checker = cluster.makeClerk();
    RandomPartitioner nemesis = new RandomPartitioner(cluster, random, SECOND, crashes);
    for (int i = 0; i < ITERATIONS; i++) {
      int drawnBefore = nemesis.partitionsDrawn();
      nemesis.start();
      Map<String, String> values = LabWorkload.phase(cluster, checker, clients, rounds, thinkMicrosMax, random);
      nemesis.stop();
      if (nemesis.partitionsDrawn() == drawnBefore) {
        throw new ScenarioFailure("iteration " + i + ": the nemesis drew no partition while the clients ran, so the"
            + " phase tested nothing; make the phase longer");
      }
      if (crashAll) {
        for (int id : cluster.serverIds()) {
          cluster.crash(id);
        }
        cluster.runFor(SECOND);
        for (int id : cluster.serverIds()) {
          cluster.restart(id);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
          String read = get(cluster, checker, e.getKey());
          if (!read.equals(e.getValue())) {
            throw new ScenarioFailure("get wrong value after every server crashed and restarted, key " + e.getKey()
                + ", wanted:\n" + e.getValue() + "\ngot\n" + read);
          }
        }
      }
    }
  }

  /**
   * The 6.824 random-keys workload (TestPersistPartitionUnreliableLinearizable without the crashes):
   * on the unreliable network, with the servers split at random every ~1 s, every client makes
   * {@link #MANY_OPS_PER_CLIENT} operations on keys drawn from a few, half Appends, some Puts, the
   * rest Gets, pausing up to 200 ms between them. Values are unique per operation, so the
   * linearizability checker, which judges the run alone, can tell every write apart. The faults are
   * what give it something to judge: on a quiet network this workload caught none of the broken
   * servers in the tests.
   */
  static void manyClients(KvCluster cluster, DeterministicRandom random) {
    List<RandomKeysClient> clients = new ArrayList<>();
    for (int cli = 0; cli < MANY_CLIENTS; cli++) {
      clients.add(new RandomKeysClient(cluster, cluster.makeClerk(), cli, new DeterministicRandom(random.nextLong())));
    }
    RandomPartitioner nemesis = new RandomPartitioner(cluster, random, SECOND, false);
    nemesis.start();
    clients.forEach(c -> c.step(0));
    await(cluster, () -> clients.stream().allMatch(c -> c.done),
        MANY_CLIENTS + " clients' " + MANY_OPS_PER_CLIENT + " random-key operations");
    nemesis.stop();
  }

  /** One client of {@link #manyClients}: each operation starts the next when it completes. */
  private static final class RandomKeysClient {
    final KvCluster cluster;
    final KvClerk clerk;
    final int cli;
    final DeterministicRandom random;
    boolean done;

    RandomKeysClient(KvCluster cluster, KvClerk clerk, int cli, DeterministicRandom random) {
      this.cluster = cluster;
      this.clerk = clerk;
      this.cli = cli;
      this.random = random;
    }

    void step(int j) {
      if (j == MANY_OPS_PER_CLIENT) {
        done = true;
        return;
      }
      String key = Integer.toString(random.nextInt(MANY_KEYS));
      String value = "x " + cli + " " + j + " y";
      int draw = random.nextInt(1000);
      Runnable next = () -> cluster.sim().schedule(random.nextLong(THINK_MICROS_MAX + 1), "think", () -> step(j + 1));
      if (draw < 500) {
        clerk.append(key, value, next);
      } else if (draw < 600) {
        clerk.put(key, value, next);
      } else {
        clerk.get(key, v -> next.run());
      }
    }
  }

  // ---- one operation at a time, as the 6.824 tests' Put/Get helpers -----------------------------

  static void put(KvCluster cluster, KvClerk clerk, String key, String value) {
    boolean[] done = new boolean[1];
    clerk.put(key, value, () -> done[0] = true);
    await(cluster, () -> done[0], "Put(" + key + ", " + value + ")");
  }

  static String get(KvCluster cluster, KvClerk clerk, String key) {
    String[] read = new String[1];
    clerk.get(key, v -> read[0] = v);
    await(cluster, () -> read[0] != null, "Get(" + key + ")");
    return read[0];
  }

  static void check(KvCluster cluster, KvClerk clerk, String key, String wanted) {
    String read = get(cluster, clerk, key);
    if (!read.equals(wanted)) {
      throw new ScenarioFailure("get wrong value, key " + key + ", wanted " + wanted + ", got " + read);
    }
  }
}
