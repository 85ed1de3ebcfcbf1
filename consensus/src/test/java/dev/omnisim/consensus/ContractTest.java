package dev.omnisim.consensus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract's values mean what their Javadoc says, and the module depends on nothing but the JDK. */
class ContractTest {

  @Test
  @DisplayName("terms order by major, then minor; NONE is below every real term")
  void termsAreTotallyOrdered() {
    Term a = new Term(3, 0);
    Term b = new Term(3, 7);
    Term c = new Term(4, -5);
    assertTrue(b.isAbove(a));
    assertTrue(c.isAbove(b));
    assertFalse(a.isAbove(a));
    assertTrue(new Term(Long.MIN_VALUE, Long.MIN_VALUE + 1).isAbove(Term.NONE));
    assertEquals(List.of(Term.NONE, a, b, c), List.of(c, Term.NONE, b, a).stream().sorted().toList());
    assertEquals("3", a.toString());
    assertEquals("none", Term.NONE.toString());
  }

  @Test
  @DisplayName("a leading peer names itself under a real term")
  void leadershipIsConsistent() {
    assertEquals("leading in term 2", Leadership.leading(1, new Term(2, 0)).toString());
    assertEquals("following 4 in term 2", Leadership.following(4, new Term(2, 0)).toString());
    assertEquals("no leader", Leadership.NONE.toString());
    assertThrows(IllegalArgumentException.class, () -> new Leadership(OptionalInt.empty(), new Term(1, 0), true));
    assertThrows(IllegalArgumentException.class, () -> Leadership.leading(1, Term.NONE));
  }

  @Test
  @DisplayName("a setup's ids are distinct and include the peer itself")
  void setupChecksItsIds() {
    MemoryByteStore store = new MemoryByteStore();
    SplittableRandom random = new SplittableRandom(1);
    PeerSetup<String> ok = new PeerSetup<>(2, List.of(3, 1, 2), ConsensusOptions.DEFAULTS, store,
        EntryCodec.UTF8_STRING, random);
    assertEquals(List.of(1, 3), ok.otherIds());
    assertEquals(2, ok.majority());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new PeerSetup<>(
        4, List.of(1, 2, 3), ConsensusOptions.DEFAULTS, store, EntryCodec.UTF8_STRING, random));
    assertTrue(missing.getMessage().contains("[1, 2, 3]"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PeerSetup<>(
        1, List.of(1, 1, 2), ConsensusOptions.DEFAULTS, store, EntryCodec.UTF8_STRING, random));
    MemoryByteStore other = new MemoryByteStore();
    assertTrue(ok.withStore(other).store() == other);
  }

  @Test
  @DisplayName("the in-memory byte store keeps what was written and appended until deleted")
  void memoryByteStore() {
    MemoryByteStore store = new MemoryByteStore();
    assertFalse(store.exists("log"));
    assertArrayEquals(new byte[0], store.read("log"));
    store.append("log", "ab".getBytes(StandardCharsets.UTF_8));
    store.append("log", "c".getBytes(StandardCharsets.UTF_8));
    store.sync();
    assertEquals("abc", new String(store.read("log"), StandardCharsets.UTF_8));
    store.write("log", "x".getBytes(StandardCharsets.UTF_8));
    assertEquals("x", new String(store.read("log"), StandardCharsets.UTF_8));
    store.delete("log");
    assertFalse(store.exists("log"));
  }

  @Test
  @DisplayName("options reject bounds that make no sense")
  void optionsCheckTheirBounds() {
    assertThrows(IllegalArgumentException.class, () -> new ConsensusOptions(1, 10, 64, 1024));
    assertThrows(IllegalArgumentException.class, () -> new ConsensusOptions(10, 0, 64, 1024));
    assertThrows(IllegalArgumentException.class, () -> new ConsensusOptions(10, 10, 0, 1024));
    assertThrows(IllegalArgumentException.class, () -> new ConsensusOptions(10, 10, 64, 0));
  }

  @Test
  @DisplayName("the contract depends on nothing of ours and on no library")
  void dependsOnNothing() {
    noClasses().should().dependOnClassesThat().resideOutsideOfPackages("dev.omnisim.consensus..", "java..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.omnisim.consensus"));
  }
}
