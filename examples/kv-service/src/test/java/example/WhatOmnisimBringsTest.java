package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not something your own project needs: omnisim's CI builds this example to hold omnisim's artifacts
 * to what its README promises a user. Depending on {@code dev.omnisim:scenarios} puts no logging
 * binding, no picocli and no JMH on the test classpath (they are the command line's, in
 * {@code omnisim.jar} only), nor omnisim's own {@code logback.xml}.
 */
class WhatOmnisimBringsTest {
  @Test
  void noLoggingBindingPicocliOrJmhComesWithTheLibrary() {
    List<String> bindingsAndCommandLineOnly = List.of("ch.qos.logback.classic.Logger", "picocli.CommandLine",
        "org.openjdk.jmh.runner.Runner", "org.slf4j.simple.SimpleLogger");
    List<String> found = bindingsAndCommandLineOnly.stream().filter(WhatOmnisimBringsTest::loadable).toList();
    assertEquals(List.of(), found, "classes of the command line's dependencies on a library user's classpath");
    assertEquals(null, getClass().getClassLoader().getResource("logback.xml"), "omnisim's logback.xml came along");
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, WhatOmnisimBringsTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
