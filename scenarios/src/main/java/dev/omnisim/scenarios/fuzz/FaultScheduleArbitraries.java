package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of fault schedules, for properties over fault schedules in omnisim's tests and in
 * a library user's. They are built from combinators so that jqwik, not our {@link Shrinker}, shrinks a
 * failing one: fewer actions (list shrinking), earlier times, lower server ids, weaker loss and
 * shorter clogs (number shrinking). Every action is at a time in the fault window and names servers of
 * the scenario, so {@link FaultSchedule#validate} accepts it. Run a generated list with
 * {@code runner.run(FuzzScenarios.withSchedule(new FaultSchedule(config, seed, actions)), seed)}.
 *
 * <p>jqwik is not passed on by {@code dev.omnisim:scenarios}: a project that uses this class depends on
 * {@code net.jqwik:jqwik} itself (its tests do anyway).
 */
public final class FaultScheduleArbitraries {
  /** Every generated time is a multiple of this: schedules read well and shrink in fewer steps. */
  public static final long GRID_MICROS = 10_000;

  private FaultScheduleArbitraries() {}

  /** Schedules of up to {@code maxActions} actions for {@code config}. */
  public static Arbitrary<List<TimedFault>> schedules(FuzzConfig config, int maxActions) {
    return actions(config).list().ofMaxSize(maxActions);
  }

  /** One action of any kind the generator knows, at a time in the fault window. */
  public static Arbitrary<TimedFault> actions(FuzzConfig config) {
    int n = config.servers();
    // Times on a 10 ms grid: schedules read well, and shrinking a time takes fewer steps.
    Arbitrary<Long> at = Arbitraries.longs().between(0, config.faultWindowMicros() / GRID_MICROS).map(k -> k * GRID_MICROS);
    Arbitrary<Integer> server = Arbitraries.integers().between(0, n - 1);
    // Another server than a given one, as an offset 1..n-1 from it.
    Arbitrary<Integer> offset = Arbitraries.integers().between(1, Math.max(1, n - 1));
    List<Integer> ids = IntStream.range(0, n).boxed().toList();

    Arbitrary<TimedFault> crash = Combinators.combine(at, server).as((t, id) -> new TimedFault(t, new FaultAction.Crash(id)));
    Arbitrary<TimedFault> restart = Combinators.combine(at, server).as((t, id) -> new TimedFault(t, new FaultAction.Restart(id)));
    Arbitrary<TimedFault> crashLeader = at.map(t -> new TimedFault(t, new FaultAction.CrashLeader()));
    Arbitrary<TimedFault> heal = at.map(t -> new TimedFault(t, new FaultAction.Heal()));
    Arbitrary<TimedFault> star = Combinators.combine(at, server)
        .as((t, id) -> new TimedFault(t, new FaultAction.QuorumLoss(id)));
    Arbitrary<TimedFault> partition = Combinators.combine(at, Arbitraries.shuffle(ids), offset)
        .as((t, order, cut) -> new TimedFault(t, new FaultAction.Partition(
            List.of(List.copyOf(order.subList(0, cut)), List.copyOf(order.subList(cut, n))))));
    Arbitrary<TimedFault> chain = Combinators.combine(at, Arbitraries.shuffle(ids))
        .as((t, order) -> new TimedFault(t, new FaultAction.Chain(List.copyOf(order))));
    Arbitrary<TimedFault> cutOneWay = Combinators.combine(at, server, offset)
        .as((t, from, d) -> new TimedFault(t, new FaultAction.CutOneWay(from, (from + d) % n)));
    Arbitrary<TimedFault> clog = Combinators.combine(at, server, offset, Arbitraries.longs().between(10_000, 1_000_000))
        .as((t, a, d, latency) -> new TimedFault(t, new FaultAction.Clog(a, (a + d) % n, latency)));
    Arbitrary<Double> probability = Arbitraries.doubles().between(0, 0.3).ofScale(2);
    Arbitrary<TimedFault> loss = Combinators.combine(at, probability, probability)
        .as((t, drop, duplicate) -> new TimedFault(t, new FaultAction.LossBurst(drop, duplicate)));

    List<Arbitrary<TimedFault>> kinds = new ArrayList<>(List.of(crash, restart, crashLeader, heal, star, loss));
    if (n > 1) {
      kinds.addAll(List.of(partition, chain, cutOneWay, clog));
    }
    return Arbitraries.oneOf(kinds);
  }
}
