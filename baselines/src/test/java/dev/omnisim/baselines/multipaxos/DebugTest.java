package dev.omnisim.baselines.multipaxos;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebugTest {
  @Test
  void debug() {
    Chaos.run(MultiPaxos::new, 0, 5, 0, 0, true, 1, List.of(
      new Chaos.Step(0,0,0,20), new Chaos.Step(0,0,0,21), new Chaos.Step(0,0,0,32), new Chaos.Step(0,0,0,38),
      new Chaos.Step(0,0,0,47), new Chaos.Step(2,0,0,34), new Chaos.Step(0,0,0,56), new Chaos.Step(2,4,0,21),
      new Chaos.Step(0,0,0,33)));
  }
}
