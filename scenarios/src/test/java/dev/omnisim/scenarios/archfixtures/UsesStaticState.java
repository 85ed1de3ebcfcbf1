package dev.omnisim.scenarios.archfixtures;

import java.util.ArrayList;
import java.util.List;

/** Breaks rule 2 on purpose. */
public final class UsesStaticState {
  static int counter;
  static final ArrayList<String> SEEN = new ArrayList<>();

  static List<String> seen() {
    counter++;
    return SEEN;
  }

  /** An enum constant with a mutable field is global mutable state. */
  public enum Counter {
    ONE;
    int value;
  }
}
