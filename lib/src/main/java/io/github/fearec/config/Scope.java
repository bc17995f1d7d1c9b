package io.github.fearec.config;

/**
 * When a setting means something. A setting given where it does not (an α for a model without a
 * time branch, a k-core for generated data) is refused rather than ignored, and a run's settings
 * file lists only the settings that apply to it. The command line decides, for a given model and
 * data source, whether each scope applies (its {@code ConfigKeys}).
 */
public enum Scope {
  /** Every run. */
  ALWAYS,
  /** Only with the generated data ({@code data = synthetic}). */
  SYNTHETIC,
  /** Only with data read from a file. */
  FILE_DATA,
  /** Only for trained models (not the popularity baseline). */
  NEURAL,
  /** Only for FEARec, the one model with frequency layers. */
  FEAREC,
  /** Only for FEARec with its time-domain branch on ({@code dual_domain = true}). */
  FEAREC_TIME,
  /** Only for trained models under the {@code us_x} contrastive term (FEARec's and DuoRec's). */
  US_X
}
