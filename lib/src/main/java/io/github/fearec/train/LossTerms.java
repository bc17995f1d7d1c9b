package io.github.fearec.train;

/**
 * The values of one step's loss terms (host copies), unweighted: total = ce + λ·contrastive +
 * w·frequency.
 */
public record LossTerms(double total, double crossEntropy, double contrastive, double frequency) {

  public boolean isFinite() {
    return Double.isFinite(total);
  }
}
