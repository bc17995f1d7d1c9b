package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.accel.QueryRows;
import io.github.fearec.ops.Scalars;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.LagSelection;

/**
 * FEARec's attention sub-layer for one layer of the ramp (paper §3.3–3.4, docs/model.md §4–5):
 * A = (1 − α)·A_freq + α·A_time, where A_freq is the auto-correlation attention over the layer's
 * band and A_time ordinary causal attention on Q, K, V filtered to that band ("std") or unfiltered.
 *
 * <p>α = 0 drops the time branch and α = 1 the frequency branch (the paper's ablations); the
 * branch with weight 0 is not computed at all. The frequency branch's lags are batch-shared in
 * training and chosen as {@code inference_lags} says otherwise ({@link LagSelection}). The band
 * filters and the frequency attention are the model's {@link Acceleration}'s: the paper's classes,
 * or equivalent faster ones.
 */
public final class HybridAttention extends AttentionLayer {

  private final AutoCorrelationAttention frequency;
  private final ScaledDotProductAttention time;
  private final BandFilter timeFilter;
  private final double alpha;
  private final boolean batchLagsInInference;

  /**
   * @param config the architecture
   * @param band the bins this layer keeps
   * @param acceleration how the frequency operations are computed
   * @param dropouts the model's mask stream
   */
  public HybridAttention(
      ModelConfig config, FrequencyBand band, Acceleration acceleration, Dropouts dropouts) {
    super(config, dropouts);
    int n = config.maxLength();
    frequency = acceleration.autoCorrelation(band, n, config.topK());
    time = new ScaledDotProductAttention(config, dropouts);
    FrequencyBand timeBand =
        config.bandLimitedTime() ? band : new FrequencyBand(0, n / 2 + 1);
    timeFilter = acceleration.bandFilter(timeBand, n);
    alpha = config.dualDomain() ? config.timeWeight() : 0.0;
    batchLagsInInference = config.inferenceLags() == LagSelection.BATCH;
  }

  /**
   * A = (1 − α)·A_freq + α·A_time at the query rows (docs/model.md §5). Both branches filter and
   * score over all N positions and compute their output at {@code rows} only.
   */
  @Override
  protected NDArray context(
      NDArray q, NDArray k, NDArray v, NDArray mask, QueryRows rows, boolean training) {
    // With "std" both branches filter Q and K to the same band: filter them once.
    boolean shared = timeFilter.band().equals(frequency.filter().band());
    NDArray qBand = alpha < 1 || shared ? frequency.filter().apply(q) : null;
    NDArray kBand = alpha < 1 || shared ? frequency.filter().apply(k) : null;
    NDArray mixed = null;
    if (alpha < 1) {
      NDArray scores = frequency.lagScoresOfFiltered(qBand, kBand);
      NDList lags = frequency.selectLags(scores, training || batchLagsInInference);
      NDArray freq = rows.aggregate(frequency, v, lags.get(0), lags.get(1));
      mixed = alpha == 0 ? freq : Scalars.scale(freq, 1 - alpha);
    }
    if (alpha > 0) {
      NDArray qt = shared ? qBand : timeFilter.apply(q);
      NDArray kt = shared ? kBand : timeFilter.apply(k);
      NDArray vt = timeFilter.apply(v);
      // Only the selected queries and their mask rows take part: T rows of scores instead of N.
      NDArray att = time.attend(rows.select(qt, 1), kt, vt, rows.select(mask, 2), training);
      NDArray weighted = alpha == 1 ? att : Scalars.scale(att, alpha);
      mixed = mixed == null ? weighted : mixed.add(weighted);
    }
    return mixed;
  }
}
