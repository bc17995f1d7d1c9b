package io.github.fearec.cli;

import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.RankingProtocol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code results.json} holds.
 *
 * @param model fearec, sasrec, sasrec-bce, duorec or pop ({@code Recommender#id})
 * @param data the data setting
 * @param users users evaluated
 * @param items items ranked
 * @param settings every key of 'fearec keys' with its effective value
 * @param epochsRun epochs trained (0 for pop)
 * @param bestEpoch the epoch whose weights were kept
 * @param stoppedEarly whether patience ran out before the epoch limit
 * @param validation best validation metrics of the model, under the selecting protocol
 * @param test test metrics of the model, under the selecting protocol
 * @param popularityValidation validation metrics of the popularity baseline, likewise
 * @param popularityTest test metrics of the popularity baseline, likewise
 * @param excludedHistory whether the selecting protocol removes past items from the rankings
 * @param selectedBy the selecting protocol in words ("history kept" or "history removed")
 * @param protocols the four metric sets above under each protocol, keyed by its words
 * @param trainSeconds wall time spent training (without evaluation)
 * @param samplesPerSecond mean training throughput over all epochs
 * @param threads libtorch intra-op threads
 */
record RunResults(
    String model,
    String data,
    int users,
    int items,
    Map<String, String> settings,
    int epochsRun,
    int bestEpoch,
    boolean stoppedEarly,
    Map<String, Double> validation,
    Map<String, Double> test,
    Map<String, Double> popularityValidation,
    Map<String, Double> popularityTest,
    boolean excludedHistory,
    String selectedBy,
    Map<String, Metrics> protocols,
    double trainSeconds,
    double samplesPerSecond,
    int threads) {

  /** The metrics of a run under one ranking protocol. */
  record Metrics(
      Map<String, Double> validation,
      Map<String, Double> test,
      Map<String, Double> popularityValidation,
      Map<String, Double> popularityTest) {}

  /** Every protocol's metrics of a model and the popularity baseline, keyed by protocol. */
  static Map<String, Metrics> byProtocol(
      EvaluationResult valid,
      EvaluationResult test,
      EvaluationResult popValid,
      EvaluationResult popTest) {
    Map<String, Metrics> out = new LinkedHashMap<>();
    for (RankingProtocol p : RankingProtocol.values()) {
      out.put(
          p.label(),
          new Metrics(valid.metrics(p), test.metrics(p), popValid.metrics(p), popTest.metrics(p)));
    }
    return out;
  }
}
