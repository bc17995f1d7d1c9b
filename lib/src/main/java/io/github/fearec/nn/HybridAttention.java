package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import io.github.fearec.ops.QueryRows;
import io.github.fearec.ops.Scalars;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.LagSelection;
import io.github.fearec.spectral.RouteChoice;

/**
 * FEARec's attention sub-layer for one layer of the ramp (paper §3.3–3.4, docs/model.md §4–5):
 * A = (1 − α)·A_freq + α·A_time, where A_freq is the auto-correlation attention over the layer's
 * band and A_time ordinary causal attention on Q, K, V filtered to that band ("std") or unfiltered.
 *
 * <p>α = 0 drops the time branch and α = 1 the frequency branch (the paper's ablations); the
 * branch with weight 0 is not computed at all. Both branches' band limits and the frequency
 * branch take the route {@code choice} gives ({@link RouteChoice}). The frequency branch's lags
 * are batch-shared in training and chosen as {@code inference_lags} says otherwise ({@link
 * LagSelection}).
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
   * @param choice how the frequency operations are computed
   * @param dropouts the model's mask stream
   */
  public HybridAttention(
      ModelConfig config, FrequencyBand band, RouteChoice choice, Dropouts dropouts) {
    super(config, dropouts);
    int n = config.maxLength();
    frequency = new AutoCorrelationAttention(band, n, config.topK(), choice);
    time = new ScaledDotProductAttention(config, dropouts);
    FrequencyBand timeBand =
        config.bandLimitedTime() ? band : new FrequencyBand(0, n / 2 + 1);
    timeFilter = new BandFilter(timeBand, n, choice);
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
      NDArray freq = frequency.attendFiltered(qBand, kBand, v, rows, training || batchLagsInInference);
      mixed = alpha == 0 ? freq : Scalars.scale(freq, 1 - alpha);
    }
    if (alpha > 0) {
      NDArray qt = shared ? qBand : timeFilter.apply(q);
      NDArray kt = shared ? kBand : timeFilter.apply(k);
      NDArray att = time.attend(qt, kt, timeFilter.apply(v), mask, rows, training);
      NDArray weighted = alpha == 1 ? att : Scalars.scale(att, alpha);
      mixed = mixed == null ? weighted : mixed.add(weighted);
    }
    return mixed;
  }
}
