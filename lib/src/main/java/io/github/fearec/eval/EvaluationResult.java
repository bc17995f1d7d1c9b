package io.github.fearec.eval;

import io.github.fearec.data.HeldOut;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one evaluation, under both {@link RankingProtocol ranking protocols}: the same scores
 * ranked with the users' past items kept and with them removed.
 *
 * @param phase validation or test
 * @param metrics "HR@5" ... "NDCG@20" → value in [0, 1], under the selecting protocol (the one
 *     {@code exclude_history} names, which model selection reads)
 * @param users how many users were ranked
 * @param excludedHistory whether the selecting protocol removes history items
 * @param seconds wall time of the evaluation
 * @param otherProtocolMetrics the same metrics under the other protocol; {@code null} only in
 *     epoch records of checkpoints written before both protocols were reported
 */
public record EvaluationResult(
    HeldOut phase,
    Map<String, Double> metrics,
    long users,
    boolean excludedHistory,
    double seconds,
    Map<String, Double> otherProtocolMetrics) {

  public EvaluationResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    if (otherProtocolMetrics != null) {
      otherProtocolMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(otherProtocolMetrics));
    }
  }

  /** The protocol that {@link #metrics()} and model selection use. */
  public RankingProtocol selectedBy() {
    return RankingProtocol.of(excludedHistory);
  }

  /** Whether this result holds the metrics of {@code protocol} (old epoch records hold one). */
  public boolean has(RankingProtocol protocol) {
    return protocol == selectedBy() || otherProtocolMetrics != null;
  }

  /** The metrics under {@code protocol}. */
  public Map<String, Double> metrics(RankingProtocol protocol) {
    if (protocol == selectedBy()) {
      return metrics;
    }
    if (otherProtocolMetrics == null) {
      throw new IllegalStateException(
          "this " + phase + " result was recorded before both protocols were reported; it holds"
              + " only " + selectedBy().label());
    }
    return otherProtocolMetrics;
  }

  /** A metric by name under the selecting protocol, e.g. "NDCG@10"; an unknown name is an error. */
  public double get(String name) {
    return get(selectedBy(), name);
  }

  /** A metric by protocol and name; an unknown name is an error. */
  public double get(RankingProtocol protocol, String name) {
    Double v = metrics(protocol).get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + name + "; known: " + metrics.keySet());
    }
    return v;
  }
}
