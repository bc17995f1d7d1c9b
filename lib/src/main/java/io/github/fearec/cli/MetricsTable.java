package io.github.fearec.cli;

import io.github.fearec.eval.EvaluationResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Formats evaluation results as an aligned text table, one row per model and phase. */
final class MetricsTable {

  private final Map<String, EvaluationResult> rows = new LinkedHashMap<>();

  MetricsTable add(String label, EvaluationResult result) {
    rows.put(label, result);
    return this;
  }

  @Override
  public String toString() {
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(5);
    StringBuilder out = new StringBuilder();
    String[] names = rows.values().iterator().next().metrics().keySet().toArray(new String[0]);
    out.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
    for (String n : names) {
      out.append(String.format(Locale.ROOT, " %8s", n));
    }
    out.append('\n');
    for (Map.Entry<String, EvaluationResult> row : rows.entrySet()) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s", row.getKey()));
      for (String n : names) {
        out.append(String.format(Locale.ROOT, " %8.4f", row.getValue().get(n)));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
