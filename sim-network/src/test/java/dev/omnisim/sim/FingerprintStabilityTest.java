package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new faults change no run that does not switch them on: these fingerprints were measured with the
 * kernel of commit 2ac3de7, before crash points, partial disks, stale messages and one-way group faults
 * existed ({@link LegacyScenarios#main} compiled against that kernel), and must not move. Switching a new
 * network or crash fault on does move them, so the pins also show those faults are not silently inert.
 * (What a disk keeps reaches a fingerprint only through what nodes then do; {@link PartialDiskTest}
 * checks the disks directly.)
 */
class FingerprintStabilityTest {

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({
    "20251125, 0ee556e792a42104, e2d7961e251a2fb9, 8b7ee83a8ee5cf76",
    "7, 57b2982b3d0d7e9b, 370d8d9ab879571a, 559dec323a99b44a",
    "9, fa1ab386ab172579, 1ff0e847510bfdf2, 188ff51ec4a3e254"})
  void runsWithoutTheNewFaultsKeepTheirFingerprints(long seed, String fixed, String lossy, String reordering) {
    assertEquals(fixed, FixedScenario.fingerprint(seed), "the fixed scenario");
    Simulation lossyRun = LegacyScenarios.lossy(seed);
    assertEquals(lossy, lossyRun.trace().fingerprintHex(), "lossy disks");
    assertTrue(lossyRun.counters().crashesThatLostWrites() > 0, "the lossy run lost unsynced writes");
    assertEquals(reordering, LegacyScenarios.reordering(seed).trace().fingerprintHex(), "reordering links");
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"20251125, 0ee556e792a42104", "7, 57b2982b3d0d7e9b"})
  void eachNewFaultSwitchedOnChangesTheRun(long seed, String fixed) {
    Simulation stale = FixedScenario.build(seed, SimulationOptions.DEFAULTS);
    stale.network().setDefaultFaults(stale.network().defaultFaults().withStaleMessages(0.05, Latency.millis(300)));
    stale.runFor(FixedScenario.RUN_MICROS);
    assertNotEquals(fixed, stale.trace().fingerprintHex(), "stale messages");

    Simulation crashing = FixedScenario.build(seed, SimulationOptions.DEFAULTS);
    crashing.setCrashPoints(3, new CrashPoints(0.05, 3, Latency.millis(50)));
    crashing.runFor(FixedScenario.RUN_MICROS);
    assertNotEquals(fixed, crashing.trace().fingerprintHex(), "crash points");
    assertTrue(crashing.counters().crashesInsideSteps() > 0, "crashes inside steps happened");

    // Setting faults is itself traced: compare with the same setting made without the new fields.
    Simulation plain = FixedScenario.build(seed, SimulationOptions.DEFAULTS);
    plain.network().setDefaultFaults(plain.network().defaultFaults());
    plain.runFor(FixedScenario.RUN_MICROS);
    Simulation disabled = FixedScenario.build(seed, SimulationOptions.DEFAULTS);
    disabled.setCrashPoints(3, CrashPoints.NONE);
    disabled.network().setDefaultFaults(disabled.network().defaultFaults().withStaleMessages(0, Latency.millis(300)));
    disabled.runFor(FixedScenario.RUN_MICROS);
    assertEquals(plain.trace().fingerprintHex(), disabled.trace().fingerprintHex(), "new faults set to off change nothing");
  }
}
