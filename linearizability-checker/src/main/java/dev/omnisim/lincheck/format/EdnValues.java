package dev.omnisim.lincheck.format;

import java.math.BigInteger;
import java.util.List;

/** Reading typed EDN values with messages that say what was expected. */
final class EdnValues {

  private EdnValues() {}

  static Long nullableLong(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    throw new IllegalArgumentException(what + " must be an integer or nil, not " + EdnWriter.print(value));
  }

  /** Jepsen keys and values may be numbers, strings or keywords; the kv model uses strings. */
  static String text(Object value, String what) {
    return switch (value) {
      case null -> throw new IllegalArgumentException(what + " must not be nil");
      case String s -> s;
      case Long l -> l.toString();
      case BigInteger b -> b.toString();
      case Keyword k -> k.name();
      default -> throw new IllegalArgumentException(what + " must be a string or a number, not " + EdnWriter.print(value));
    };
  }

  static List<?> pair(Object value, String what) {
    if (value instanceof List<?> list && list.size() == 2) {
      return list;
    }
    throw new IllegalArgumentException(what + " must be a vector of two elements, not " + EdnWriter.print(value));
  }
}
