package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.TestNodes.Echo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RPC over messages: a call completes exactly once, with the reply or a failure; a failure does not
 * mean the handler did not run; a crashed caller never hears back.
 */
class RpcTest {
  private final Simulation sim = TestNodes.recordingNodes(51, 3);

  /** Node {@code from} calls {@code to} now; the returned list collects every completion of the call. */
  private List<CallResult> call(int from, int to, Object request, long timeoutMicros) {
    List<CallResult> results = new ArrayList<>();
    recorder(sim, from).ctx.call(to, request, timeoutMicros, results::add);
    return results;
  }

  private static CallResult failure(CallFailure reason) {
    return new CallResult.Failure(reason);
  }

  @Test
  void aCallCompletesOnceWithTheCalleesReply() {
    List<CallResult> results = call(0, 1, "hello", 1_000_000);
    sim.runFor(5_000_000);
    assertEquals(List.of(new CallResult.Reply(new Echo("hello"))), results);
    assertEquals(1, recorder(sim, 1).requests.size(), "the handler ran once");
  }

  @Test
  void aDroppedReplyMeansTheHandlerRanButTheCallerSeesAFailure() {
    sim.network().setLinkFaults(1, 0, LinkFaults.NONE.withDropProbability(1.0));
    List<CallResult> results = call(0, 1, "write x", 1_000_000);
    sim.runFor(5_000_000);
    assertEquals(1, recorder(sim, 1).requests.size(), "the handler ran");
    assertEquals(List.of(failure(CallFailure.REPLY_DROPPED)), results);
  }

  @Test
  void aDroppedRequestMeansTheHandlerDidNotRun() {
    sim.network().setLinkFaults(0, 1, LinkFaults.NONE.withDropProbability(1.0));
    List<CallResult> results = call(0, 1, "write x", 1_000_000);
    sim.runFor(5_000_000);
    assertEquals(0, recorder(sim, 1).requests.size(), "the handler did not run");
    assertEquals(List.of(failure(CallFailure.REQUEST_DROPPED)), results);
  }

  @Test
  void aCallWithoutAnAnswerTimesOutExactlyAtItsTimeout() {
    recorder(sim, 1).answersRequests = false;
    sim.runFor(1_000);
    List<CallResult> results = call(0, 1, "anyone?", 300_000);
    sim.runFor(299_999);
    assertEquals(List.of(), results, "no completion before the timeout");
    sim.runFor(1);
    assertEquals(List.of(failure(CallFailure.TIMEOUT)), results, "completion at the timeout");
    sim.runFor(5_000_000);
    assertEquals(1, results.size(), "and only once");
  }

  @Test
  void anAnswerAfterTheTimeoutIsIgnored() {
    recorder(sim, 1).answersRequests = false;
    List<CallResult> results = call(0, 1, "slow", 50_000);
    sim.runFor(100_000);
    recorder(sim, 1).unanswered.getFirst().reply("too late");
    sim.runFor(5_000_000);
    assertEquals(List.of(failure(CallFailure.TIMEOUT)), results);
    assertEquals(1, sim.counters().rpcsFailed(), "one failed call");
  }

  @Test
  void aCallToADownCalleeFails() {
    sim.crash(1);
    List<CallResult> results = call(0, 1, "are you there", 10_000_000);
    sim.runFor(10_000_000);
    assertEquals(List.of(failure(CallFailure.CALLEE_DOWN)), results);
    assertEquals(1, sim.counters().dropped(DropReason.TARGET_DOWN), "the request was dropped: receiver down");
  }

  @Test
  void aCallOverACutLinkFailsAsUnreachable() {
    sim.network().cut(0, 1);
    List<CallResult> results = call(0, 1, "over the cut", 10_000_000);
    sim.runFor(10_000_000);
    assertEquals(List.of(failure(CallFailure.UNREACHABLE)), results);
  }

  @Test
  void aCalleeCrashingWhileItHoldsTheCallFailsItAtOnce() {
    recorder(sim, 1).answersRequests = false;
    List<CallResult> results = call(0, 1, "hold this", 10_000_000);
    sim.runFor(5_000);
    assertEquals(1, recorder(sim, 1).requests.size(), "the callee got the request");
    sim.crash(1);
    sim.runFor(0);
    assertEquals(List.of(failure(CallFailure.CALLEE_CRASHED)), results, "failed at the crash");
    sim.restart(1);
    sim.runFor(20_000_000);
    assertEquals(1, results.size(), "completed once");
  }

  @Test
  void aCalleeCrashingWhileTheRequestIsInFlightFailsTheCallAndNeverRunsTheHandler() {
    sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(Latency.millis(10)));
    List<CallResult> results = call(0, 1, "in flight", 10_000_000);
    sim.runFor(2_000);
    sim.crash(1);
    sim.runFor(1_000);
    sim.restart(1);
    sim.runFor(20_000_000);
    assertEquals(List.of(failure(CallFailure.CALLEE_CRASHED)), results);
    assertEquals(0, recorder(sim, 1).requests.size(), "the restarted callee never saw the request");
  }

  @Test
  void aCrashedCallerNeverSeesItsCallbackEvenAfterItRestarts() {
    sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(Latency.millis(10)));
    List<CallResult> replied = call(0, 1, "reply to a ghost", 10_000_000);
    recorder(sim, 2).answersRequests = false;
    List<CallResult> timedOut = call(0, 2, "time out on a ghost", 50_000);
    sim.runFor(15_000); // the request reached node 1, its reply is in flight
    sim.crash(0);
    sim.restart(0);
    sim.runFor(20_000_000);
    assertEquals(List.of(), replied, "callback of a crashed caller ran on a reply");
    assertEquals(List.of(), timedOut, "callback of a crashed caller ran on a timeout");
    assertEquals(1, sim.counters().dropped(DropReason.TARGET_CRASHED), "the reply was dropped: receiver crashed");
    assertEquals(0, sim.counters().rpcsFailed(), "calls of a crashed caller are not counted as failed");
  }

  @Test
  void aResponderAnswersOnlyOnce() {
    recorder(sim, 1).answersRequests = false;
    call(0, 1, "once", 1_000_000);
    sim.runFor(5_000);
    Responder r = recorder(sim, 1).unanswered.getFirst();
    r.reply("first");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.reply("second"));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void aCrashedCalleeCannotAnswerThroughItsOldResponder() {
    recorder(sim, 1).answersRequests = false;
    call(0, 1, "orphan", 1_000_000);
    sim.runFor(5_000);
    Responder r = recorder(sim, 1).unanswered.getFirst();
    sim.crash(1);
    sim.restart(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.reply("from the past"));
    assertTrue(e.getMessage().contains("crashed"), e.getMessage());
  }

  @Test
  void underDuplicationTheHandlerMayRunTwiceButTheCallCompletesOnce() {
    sim.network().setDefaultFaults(
        LinkFaults.NONE.withLatency(new Latency.Exponential(2_000)).withDuplicateProbability(1.0));
    List<CallResult> results = call(0, 1, "duplicated", 1_000_000);
    sim.runFor(5_000_000);
    assertEquals(2, recorder(sim, 1).requests.size(), "the duplicated request ran the handler twice");
    assertEquals(List.of(new CallResult.Reply(new Echo("duplicated"))), results, "one completion");
  }
}
