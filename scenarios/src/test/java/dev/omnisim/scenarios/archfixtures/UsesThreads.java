package dev.omnisim.scenarios.archfixtures;

/** Breaks rule 1 on purpose, so the architecture test shows the rule can fail. */
public final class UsesThreads {
  void run() {
    new Thread(() -> {}).start();
  }
}
