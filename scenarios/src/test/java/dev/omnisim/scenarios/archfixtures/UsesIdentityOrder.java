package dev.omnisim.scenarios.archfixtures;

import java.util.Set;

/** Breaks rule 4 on purpose. */
public final class UsesIdentityOrder {
  String first() {
    return Set.of("a", "b", "c").iterator().next();
  }
}
