package dev.omnisim.scenarios.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of fault schedules, built from combinators so that jqwik, not our
 * {@link Shrinker}, shrinks a failing one: fewer actions (list shrinking), earlier times, lower
 * server ids, weaker loss and shorter clogs (number shrinking). Every action is at a time in the
 * fault window and names servers of the scenario, so {@link FaultSchedule#validate} accepts it.
 */
final class FaultScheduleArbitraries {
  static final long GRID_MICROS = 10_000;

  private FaultScheduleArbitraries() {}

  /** Schedules of up to {@code maxActions} actions for {@code config}. */
  static Arbitrary<List<FaultAction>> schedules(FuzzConfig config, int maxActions) {
    return actions(config).list().ofMaxSize(maxActions);
  }

  /** One action of any kind the generator knows. */
  static Arbitrary<FaultAction> actions(FuzzConfig config) {
    int n = config.servers();
    // Times on a 10 ms grid: schedules read well, and shrinking a time takes fewer steps.
    Arbitrary<Long> at = Arbitraries.longs().between(0, config.faultWindowMicros() / GRID_MICROS).map(k -> k * GRID_MICROS);
    Arbitrary<Integer> server = Arbitraries.integers().between(0, n - 1);
    // Another server than a given one, as an offset 1..n-1 from it.
    Arbitrary<Integer> offset = Arbitraries.integers().between(1, Math.max(1, n - 1));
    List<Integer> ids = IntStream.range(0, n).boxed().toList();

    Arbitrary<FaultAction> crash = Combinators.combine(at, server).as(FaultAction.Crash::new);
    Arbitrary<FaultAction> restart = Combinators.combine(at, server).as(FaultAction.Restart::new);
    Arbitrary<FaultAction> crashLeader = at.map(FaultAction.CrashLeader::new);
    Arbitrary<FaultAction> heal = at.map(FaultAction.Heal::new);
    Arbitrary<FaultAction> star = Combinators.combine(at, server).as(FaultAction.Star::new);
    Arbitrary<FaultAction> partition = Combinators.combine(at, Arbitraries.shuffle(ids), offset)
        .as((t, order, cut) -> new FaultAction.Partition(t,
            List.of(List.copyOf(order.subList(0, cut)), List.copyOf(order.subList(cut, n)))));
    Arbitrary<FaultAction> chain = Combinators.combine(at, Arbitraries.shuffle(ids))
        .as((t, order) -> new FaultAction.Chain(t, List.copyOf(order)));
    Arbitrary<FaultAction> cutOneWay = Combinators.combine(at, server, offset)
        .as((t, from, d) -> new FaultAction.CutOneWay(t, from, (from + d) % n));
    Arbitrary<FaultAction> clog = Combinators.combine(at, server, offset, Arbitraries.longs().between(10_000, 1_000_000))
        .as((t, a, d, latency) -> new FaultAction.Clog(t, a, (a + d) % n, latency));
    Arbitrary<Double> probability = Arbitraries.doubles().between(0, 0.3).ofScale(2);
    Arbitrary<FaultAction> loss = Combinators.combine(at, probability, probability).as(FaultAction.LossBurst::new);

    List<Arbitrary<FaultAction>> kinds = new ArrayList<>(List.of(crash, restart, crashLeader, heal, star, loss));
    if (n > 1) {
      kinds.addAll(List.of(partition, chain, cutOneWay, clog));
    }
    return Arbitraries.oneOf(kinds);
  }
}
