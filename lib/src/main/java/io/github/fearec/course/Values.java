package io.github.fearec.course;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes inputs and answers for feedback: arrays by their elements (Java's own {@code toString}
 * prints {@code [D@1b6d3586}), records component by component, long arrays shortened so that a
 * message stays readable.
 */
public final class Values {

  /** Arrays longer than this show their first and last few elements only. */
  static final int MAX_SHOWN = 12;

  private Values() {}

  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      List<String> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(describe(Array.get(value, i)));
      }
      return list(parts);
    }
    if (value instanceof Collection<?> c) {
      return describe(c.toArray());
    }
    if (value.getClass().isRecord()) {
      return describeRecord(value);
    }
    return value.toString();
  }

  private static String describeRecord(Object record) {
    StringBuilder sb = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(components[i].getName()).append('=');
      try {
        // A record declared in a notebook cell is not public to this package.
        components[i].getAccessor().setAccessible(true);
        sb.append(describe(components[i].getAccessor().invoke(record)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return record.toString();
      }
    }
    return sb.append(']').toString();
  }

  private static String list(List<String> parts) {
    if (parts.size() <= MAX_SHOWN) {
      return "[" + String.join(", ", parts) + "]";
    }
    int head = MAX_SHOWN - 3;
    return "[" + String.join(", ", parts.subList(0, head)) + ", ..., "
        + String.join(", ", parts.subList(parts.size() - 3, parts.size())) + "] ("
        + parts.size() + " values)";
  }
}
