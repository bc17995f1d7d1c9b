package io.github.fearec.eval;

import io.github.fearec.data.HeldOut;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one evaluation.
 *
 * @param phase validation or test
 * @param metrics "HR@5" ... "NDCG@20" → value in [0, 1]
 * @param users how many users were ranked
 * @param excludedHistory whether history items were taken out of the ranking
 * @param seconds wall time of the evaluation
 */
public record EvaluationResult(
    HeldOut phase, Map<String, Double> metrics, long users, boolean excludedHistory, double seconds) {

  public EvaluationResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A metric by name, e.g. "NDCG@10"; an unknown name is an error. */
  public double get(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + name + "; known: " + metrics.keySet());
    }
    return v;
  }
}
