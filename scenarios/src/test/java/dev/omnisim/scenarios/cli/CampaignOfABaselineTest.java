package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.campaign.ShardManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz campaign on a baseline ({@code fuzz --protocol NAME}) records the protocol in each shard's manifest:
 * the merge's replay commands run that protocol again, a shard of another protocol is not the same campaign
 * (neither to {@code --resume} nor to {@code campaign merge}), and a manifest written before the field reads as
 * OmniPaxos. VR on {@code fuzz-partial} seed 13 fails (its constrained-election deadlock); OmniPaxos passes it.
 */
class CampaignOfABaselineTest {
  @TempDir Path dir;

  @Test
  void theProtocolTravelsWithTheShards() throws Exception {
    Path a = dir.resolve("vr-1");
    Path b = dir.resolve("vr-2");
    CommandRun first = omnisim("fuzz", "--scenario", "fuzz-partial", "--protocol", "vr", "--seeds", "13..14",
        "--shard", "0/2", "--out", a.toString());
    CommandRun second = omnisim("fuzz", "--scenario", "fuzz-partial", "--protocol", "vr", "--seeds", "13..14",
        "--shard", "1/2", "--out", b.toString());
    assertTrue(first.out().contains(", over vr"), first.out());
    assertEquals("vr", ShardManifest.read(a).protocol());

    Path report = dir.resolve("report");
    CommandRun merged = omnisim("campaign", "merge", a.toString(), b.toString(), "--out", report.toString());
    assertEquals(1, merged.status(), merged.out() + merged.err() + second.out());
    assertTrue(merged.out().contains("over vr"), merged.out());
    assertTrue(merged.out().contains("--seed 13 --protocol vr"), "the replay runs VR again: " + merged.out());

    // The same seeds on OmniPaxos are another campaign: refused by the merge and by --resume.
    Path omni = dir.resolve("omni-2");
    omnisim("fuzz", "--scenario", "fuzz-partial", "--seeds", "13..14", "--shard", "1/2", "--out", omni.toString());
    CommandRun mixed = omnisim("campaign", "merge", a.toString(), omni.toString(), "--out", dir.resolve("r2").toString());
    assertEquals(2, mixed.status(), mixed.out() + mixed.err());
    CommandRun resumed = omnisim("fuzz", "--scenario", "fuzz-partial", "--seeds", "13..14", "--shard", "0/2",
        "--out", a.toString());
    assertEquals(2, resumed.status(), resumed.out() + resumed.err());
    assertTrue(resumed.err().contains("over vr, not shard"), resumed.err());

    // A manifest without the field (written before it existed) is OmniPaxos's.
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve(ShardManifest.FILE), Files.readString(omni.resolve(ShardManifest.FILE))
        .replace("\"protocol\" : \"omnipaxos\",", ""));
    assertEquals("omnipaxos", ShardManifest.read(old).protocol());
  }
}
