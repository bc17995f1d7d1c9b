package io.github.fearec.bench;

/**
 * The measurements of one model.
 *
 * @param model sasrec or fearec
 * @param route FEARec's frequency route (paper or short_sequence), "-" for SASRec
 * @param contrastive the contrastive mode trained with (FEARec: us_x, three passes per batch),
 *     followed by ", view recomputed" when the dropout view was recomputed in the backward pass
 * @param batchSize training samples per step
 * @param timedBatches batches timed after the warm-up
 * @param warmupBatches untimed batches before
 * @param medianStepMs median wall time of one step (forward, backward, Adam)
 * @param trainSamplesPerSecond batch size / median step time
 * @param evalUsersPerSecond full-ranking validation throughput (after a warm-up evaluation)
 * @param evalUsers users ranked
 * @param firstBatchSeconds from creating the model to the end of the first step
 * @param flopsPerSample approximate FLOPs of one training sample ({@link FlopCount})
 * @param ceilingFraction FLOPs/sample × samples/s ÷ the machine's 100 GFLOP/s matmul ceiling
 */
record ModelResult(
    String model,
    String route,
    String contrastive,
    int batchSize,
    int timedBatches,
    int warmupBatches,
    double medianStepMs,
    double trainSamplesPerSecond,
    double evalUsersPerSecond,
    int evalUsers,
    double firstBatchSeconds,
    double flopsPerSample,
    double ceilingFraction) {}
