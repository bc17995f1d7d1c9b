package io.github.fearec.course;

import io.github.fearec.data.HeldOut;
import io.github.fearec.spectral.FrequencyBand;

/**
 * The inputs of the course's exercises, one record per kind of input; a check cell builds them
 * and {@link References} holds the reference answer for each exercise id. Arrays are passed as
 * they are: the reference and the student's function each get the same object, and {@link
 * Exercise} describes an input before either runs.
 */
public final class Inputs {

  private Inputs() {}

  /** 1.1: user sequences and the number of items (ids 1..numItems). */
  public record Counts(int[][] sequences, int numItems) {}

  /** 1.2: one user's whole history and the held-out phase whose input row is asked for. */
  public record Row(int[] history, HeldOut phase, int maxLength) {}

  /** 1.3: one user's whole history and the window N of the training rows. */
  public record Training(int[] history, int maxLength) {}

  /** 1.4: the size of an untrained SASRec whose first cross-entropy is to be predicted. */
  public record Untrained(int numItems, int hidden) {}

  /** 2.3: attention logits (N × N) and the item ids of the sequence (0 = padding). */
  public record Attention(double[][] logits, int[] ids) {}

  /** 3.1: a signal and the band to keep. */
  public record Band(double[] x, FrequencyBand band) {}

  /** 3.2: the ramp's arguments: N, L and γ. */
  public record Ramp(int maxLength, int numLayers, double globalRatio) {}

  /** 3.3: a band and the signal length N of the band filter's matrix. */
  public record BandMatrix(FrequencyBand band, int n) {}

  /** 4.1: two signals of equal length. */
  public record Pair(double[] q, double[] k) {}

  /** 4.2: one score per lag and how many lags to keep. */
  public record Lags(double[] scores, int k) {}

  /** 4.3: values (N × d), the chosen lags and their weights. */
  public record Aggregation(double[][] values, int[] lags, double[] weights) {}

  /** 5.1: the sequence length N, the chosen lags and their weights. */
  public record LagMatrix(int n, int[] lags, double[] weights) {}

  /**
   * 5.2: the sub-layer input x (N × d), the two branches' contexts (N × d), α, and the output
   * dense layer (weight d × d as DJL stores it, out × in; bias d) and LayerNorm (γ, β, ε).
   */
  public record Mix(
      double[][] x,
      double[][] frequency,
      double[][] time,
      double alpha,
      double[][] denseWeight,
      double[] denseBias,
      double[] normGain,
      double[] normBias,
      double epsilon) {}

  /** 5.4: the lag scores of a batch (B × N) and how many lags to keep. */
  public record BatchLags(double[][] scores, int k) {}

  /** 6.1: 0-based ranks of each user's target and K. */
  public record Ranks(long[] ranks, int k) {}

  /** 6.2: two views (B × d) of the same batch. */
  public record Views(double[][] z1, double[][] z2) {}

  /** 6.3: two views (B × d) and the temperature τ. */
  public record Nce(double[][] z1, double[][] z2, double tau) {}

  /**
   * 7.1: every user's scores over item ids 0..|I| (one row per user), each user's target, the
   * sampled negatives each user's target is ranked against (never the target), and K.
   */
  public record Sampled(double[][] scores, int[] targets, int[][] negatives, int k) {}

  /** 7.3: one value per user for two models, the same users in the same order. */
  public record Paired(double[] a, double[] b) {}
}
