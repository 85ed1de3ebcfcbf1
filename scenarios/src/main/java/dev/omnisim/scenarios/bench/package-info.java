/**
 * JMH benchmarks. They are compiled into the tool's jar but never run during {@code mvn verify};
 * run them with {@code java -cp scenarios/target/omnisim.jar org.openjdk.jmh.Main NAME}.
 */
package dev.omnisim.scenarios.bench;
