package io.github.fearec.cli;

import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.RankingProtocol;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Formats evaluation results as an aligned text table, one row per model, phase and ranking
 * protocol (history kept, then history removed), so that a figure is never read without its
 * protocol.
 */
final class MetricsTable {

  private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();

  MetricsTable add(String label, EvaluationResult result) {
    for (RankingProtocol protocol : RankingProtocol.values()) {
      if (result.has(protocol)) {
        rows.put(label + ", " + protocol.label(), result.metrics(protocol));
      }
    }
    return this;
  }

  @Override
  public String toString() {
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(5);
    StringBuilder out = new StringBuilder();
    String[] names = rows.values().iterator().next().keySet().toArray(new String[0]);
    out.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
    for (String n : names) {
      out.append(String.format(Locale.ROOT, " %8s", n));
    }
    out.append('\n');
    for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s", row.getKey()));
      for (String n : names) {
        out.append(String.format(Locale.ROOT, " %8.4f", row.getValue().get(n)));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
