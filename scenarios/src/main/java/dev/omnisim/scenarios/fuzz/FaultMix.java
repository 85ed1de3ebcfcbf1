package dev.omnisim.scenarios.fuzz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which fault kinds a nemesis draws and how often: a weight per {@link FaultKind}, 0 for off. In a
 * configuration file it is an object from kind names to weights, listing the kinds that are on.
 */
public final class FaultMix {
  private final EnumMap<FaultKind, Integer> weights = new EnumMap<>(FaultKind.class);

  private FaultMix(Map<FaultKind, Integer> weights) {
    this.weights.putAll(weights);
  }

  /** The original nemesis: the first eight network and four process kinds, equally likely. */
  public static FaultMix classic() {
    EnumMap<FaultKind, Integer> w = new EnumMap<>(FaultKind.class);
    for (FaultKind k : FaultKind.values()) {
      if (k.ordinal() <= FaultKind.LOSS.ordinal()
          || (k.ordinal() >= FaultKind.CRASH_LEADER.ordinal() && k.ordinal() <= FaultKind.CRASH_DURABLE_DISK.ordinal())) {
        w.put(k, 1);
      }
    }
    return new FaultMix(w);
  }

  /** A mix with these weights (kinds not named are off). */
  public static FaultMix of(Map<FaultKind, Integer> weights) {
    for (Map.Entry<FaultKind, Integer> e : new EnumMap<>(weights).entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("the weight of fault kind '" + e.getKey().jsonName() + "' must be >= 0, was "
            + e.getValue());
      }
    }
    return new FaultMix(weights);
  }

  /** The mix in a configuration file: kind names to weights; an unknown name is refused. */
  @JsonCreator
  public static FaultMix fromJson(Map<String, Integer> byName) {
    EnumMap<FaultKind, Integer> w = new EnumMap<>(FaultKind.class);
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(byName).entrySet()) {
      FaultKind k = FaultKind.byJsonName(e.getKey());
      if (k == null) {
        throw new IllegalArgumentException("unknown fault kind '" + e.getKey() + "'; known: " + FaultKind.knownNames());
      }
      w.put(k, e.getValue());
    }
    return of(w);
  }

  /** Kind names to weights, the kinds that are on, in the kinds' order. */
  @JsonValue
  public Map<String, Integer> toJson() {
    LinkedHashMap<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<FaultKind, Integer> e : weights.entrySet()) {
      if (e.getValue() > 0) {
        out.put(e.getKey().jsonName(), e.getValue());
      }
    }
    return out;
  }

  /** The weight of {@code kind}; 0 when off. */
  public int weight(FaultKind kind) {
    return weights.getOrDefault(kind, 0);
  }

  /** The sum of the weights of a track's kinds; 0 when the track is off. */
  public int total(FaultKind.Track track) {
    int sum = 0;
    for (FaultKind k : FaultKind.values()) {
      if (k.track() == track) {
        sum += weight(k);
      }
    }
    return sum;
  }

  /** The kind of {@code track} at position {@code draw} in [0, total(track)) of the weighted list. */
  public FaultKind pick(FaultKind.Track track, int draw) {
    int left = draw;
    for (FaultKind k : FaultKind.values()) {
      if (k.track() == track) {
        left -= weight(k);
        if (left < 0) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("draw " + draw + " is beyond the total weight " + total(track) + " of " + track);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultMix other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
