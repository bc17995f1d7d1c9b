package io.github.fearec.cli;

import java.util.Map;

/**
 * What {@code results.json} holds.
 *
 * @param model fearec, sasrec, duorec or pop
 * @param data the data setting
 * @param users users evaluated
 * @param items items ranked
 * @param settings every key of 'fearec keys' with its effective value
 * @param epochsRun epochs trained (0 for pop)
 * @param bestEpoch the epoch whose weights were kept
 * @param stoppedEarly whether patience ran out before the epoch limit
 * @param validation best validation metrics of the model
 * @param test test metrics of the model
 * @param popularityValidation validation metrics of the popularity baseline
 * @param popularityTest test metrics of the popularity baseline
 * @param excludedHistory whether past items were removed from the rankings
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
    double trainSeconds,
    double samplesPerSecond,
    int threads) {}
