package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.Counters.TypeCount;
import dev.omnisim.sim.TestNodes.Ping;
import dev.omnisim.sim.TestNodes.Pong;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counters report what the network carried: the lab's "rpcs", "ops" and bytes. */
class CountersTest {

  /** A message whose size the test's sizer reads. */
  record Blob(int size) {}

  @Test
  void messagesAreCountedByTypeAndByNode() {
    Simulation sim = TestNodes.recordingNodes(101, 3);
    for (int i = 0; i < 3; i++) {
      send(sim, 0, 1, new Ping(i));
    }
    send(sim, 1, 2, new Pong(0));
    send(sim, 1, 0, new Pong(1));
    sim.network().cut(2, 0);
    send(sim, 2, 0, new Pong(2));
    sim.runFor(10_000);

    Counters c = sim.counters();
    assertEquals(List.of(new TypeCount("Ping", 3, 3, 0), new TypeCount("Pong", 3, 2, 0)), c.byType(),
        "counts by type, in name order");
    assertEquals(3, c.sentOfType("Ping"));
    assertEquals(6, c.messagesSent(), "messages sent");
    assertEquals(5, c.messagesDelivered(), "messages delivered");
    assertEquals(3, c.sentBy(0));
    assertEquals(2, c.sentBy(1));
    assertEquals(1, c.sentBy(2));
    assertEquals(1, c.receivedBy(0));
    assertEquals(3, c.receivedBy(1));
    assertEquals(1, c.receivedBy(2));
    assertEquals(0, c.sentBy(500), "a node id never seen counts nothing");
    assertEquals(1, c.dropped(DropReason.LINK_DOWN));
    assertEquals(1, c.messagesDropped());
  }

  @Test
  void rpcsAreCountedSentAndFailed() {
    Simulation sim = TestNodes.recordingNodes(102, 3);
    sim.crash(2);
    NodeContext ctx = recorder(sim, 0).ctx;
    for (int i = 0; i < 4; i++) {
      ctx.call(1, new Ping(i), 1_000_000, r -> {});
    }
    ctx.call(2, new Ping(9), 1_000_000, r -> {});
    sim.runFor(2_000_000);
    Counters c = sim.counters();
    assertEquals(5, c.rpcsSent(), "calls made");
    assertEquals(1, c.rpcsFailed(), "the call to the down node failed");
    assertEquals(5, c.sentOfType("Ping"), "requests are messages too");
    assertEquals(4, c.sentOfType("Echo"), "and so are replies");
    assertEquals(4, c.sentBy(1), "the callee sent the replies");
  }

  @Test
  void clientOperationsAreCountedAndTraced() {
    Simulation sim = new Simulation(103, SimulationOptions.DEFAULTS.withRecordTrace(true));
    sim.recordClientOperation(7, "put x 1");
    sim.recordClientOperation(7, "get x");
    sim.recordClientOperation(8, "append y 2");
    assertEquals(3, sim.counters().clientOperations());
    List<TraceEvent> ops = sim.trace().events().stream().filter(e -> e.kind() == TraceKind.CLIENT).toList();
    assertEquals(List.of("put x 1", "get x", "append y 2"), ops.stream().map(TraceEvent::detail).toList());
    assertEquals(List.of(7, 7, 8), ops.stream().map(TraceEvent::from).toList(), "the client of each operation");
  }

  @Test
  void bytesAreCountedWithTheMessageSizer() {
    Simulation sim = TestNodes.recordingNodes(104, 2,
        SimulationOptions.DEFAULTS.withMessageSizer(m -> m instanceof Blob b ? b.size() : 1));
    send(sim, 0, 1, new Blob(100));
    send(sim, 0, 1, new Blob(250));
    send(sim, 1, 0, new Ping(0));
    sim.runFor(10_000);
    Counters c = sim.counters();
    assertEquals(351, c.bytesSent());
    assertEquals(350, c.bytesSentBy(0));
    assertEquals(1, c.bytesSentBy(1));
    assertEquals(List.of(new TypeCount("Blob", 2, 2, 350), new TypeCount("Ping", 1, 1, 1)), c.byType());
  }

  @Test
  void theDefaultSizerCountsStringsAndByteArraysByLength() {
    Simulation sim = TestNodes.recordingNodes(105, 2);
    send(sim, 0, 1, "hello");
    send(sim, 0, 1, new byte[42]);
    send(sim, 0, 1, new Ping(0));
    assertEquals(47, sim.counters().bytesSent());
  }

  @Test
  void duplicatesAndDropsAreCountedApart() {
    Simulation sim = TestNodes.recordingNodes(106, 2);
    sim.network().setDefaultFaults(LinkFaults.NONE.withDuplicateProbability(1.0));
    for (int i = 0; i < 10; i++) {
      send(sim, 0, 1, new Ping(i));
    }
    sim.runFor(10_000);
    Counters c = sim.counters();
    assertEquals(10, c.messagesSent(), "sent once each");
    assertEquals(10, c.messagesDuplicated(), "each duplicated");
    assertEquals(20, c.messagesDelivered(), "each delivered twice");
    assertEquals(20, recorder(sim, 1).messages.size(), "the node saw both copies");
    for (DropReason r : DropReason.values()) {
      assertEquals(0, c.dropped(r), "no drop as " + r);
    }
    assertTrue(c.byType().getFirst().delivered() == 20, "delivered copies counted by type");
  }
}
