package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Message counts on 3 peers, after the lab's TestCount: consensus must not flood the network. */
class MessageEconomyTest {

  @Test
  @DisplayName("3 peers: election < 120 messages, 11 commands < 140, an idle second <= 90")
  void messageCounts() {
    Cluster c = new Cluster(3, 31);
    c.awaitLeader(1 * SECONDS);
    long election = c.messagesSent();
    System.out.printf("election: %d messages in %d ms%n", election, c.sim.now() / 1000);
    assertTrue(election < 120, "too many messages to elect a leader: " + election);

    c.runFor(1 * SECONDS);
    long before = c.messagesSent();
    long t0 = c.sim.now();
    for (int i = 0; i < 11; i++) {
      c.one("count-" + i, 3, false);
    }
    long replication = c.messagesSent() - before;
    System.out.printf("11 commands: %d messages in %d ms%n", replication, (c.sim.now() - t0) / 1000);
    assertTrue(replication < 140, "too many messages for 11 commands: " + replication);

    c.runFor(1 * SECONDS);
    before = c.messagesSent();
    c.runFor(1 * SECONDS);
    long idle = c.messagesSent() - before;
    System.out.printf("idle second: %d messages%n", idle);
    assertTrue(idle <= 90, "too many messages while idle: " + idle);
  }
}
