package io.github.fearec.train;

import io.github.fearec.config.Choice;
import java.util.Locale;

/**
 * Which contrastive term is added to the next-item loss (docs/model.md §8; the names are those of
 * the authors' code, inherited from DuoRec). h is the CE pass, z_aug a second pass over the same
 * sequence (another dropout mask), z_sem a pass over a semantic positive (another training
 * sample with the same target).
 */
public enum ContrastiveMode implements Choice {
  /** Next-item cross-entropy only (SASRec's objective). */
  NONE(false, false),
  /** Unsupervised: InfoNCE(h, z_aug). */
  UN(true, false),
  /** Supervised: InfoNCE(h, z_sem). */
  SU(false, true),
  /** Both: InfoNCE(h, z_aug) + InfoNCE(h, z_sem). */
  US(true, true),
  /** FEARec's choice: InfoNCE(z_aug, z_sem), h only feeds the CE term. */
  US_X(true, true);

  private final boolean dropoutView;
  private final boolean semanticView;

  ContrastiveMode(boolean dropoutView, boolean semanticView) {
    this.dropoutView = dropoutView;
    this.semanticView = semanticView;
  }

  /** Whether a second pass over the same sequence is needed. */
  public boolean needsDropoutView() {
    return dropoutView;
  }

  /** Whether semantic positives must be drawn. */
  public boolean needsSemanticView() {
    return semanticView;
  }

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

}
