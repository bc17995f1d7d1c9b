package io.github.fearec.train;

import io.github.fearec.config.Choice;
import io.github.fearec.nn.ModelType;
import java.util.Locale;

/**
 * The models the kit trains and compares (the rows of docs/results.md): each is an encoder and the
 * objective it trains with by default. The command line's {@code --model}, the benchmarks and the
 * notebooks all name a model by this type; DuoRec and SASRec-BCE are SASRec's encoder with another
 * objective, not encoders of their own.
 */
public enum Recommender implements Choice {
  /** The paper's model: hybrid frequency attention, us_x and the frequency loss (docs/model.md). */
  FEAREC(ModelType.FEAREC),
  /** SASRec's encoder with the cross-entropy over all items, FEARec's recommendation loss. */
  SASREC(ModelType.SASREC),
  /**
   * SASRec with its original objective (Kang &amp; McAuley 2018): binary cross-entropy against one
   * sampled negative at every position.
   */
  SASREC_BCE(ModelType.SASREC),
  /**
   * DuoRec (Qiu et al., WSDM 2022): SASRec's encoder trained with the us_x contrastive term, the
   * objective FEARec inherits, without the frequency loss.
   */
  DUOREC(ModelType.SASREC),
  /** The popularity baseline: every user gets the items ordered by their training count. */
  POP(null);

  private final ModelType encoder;

  Recommender(ModelType encoder) {
    this.encoder = encoder;
  }

  /** "fearec", "sasrec", "sasrec-bce", "duorec" or "pop". */
  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether it has weights to train ({@link #POP} has none). */
  public boolean trained() {
    return encoder != null;
  }

  /**
   * The encoder; the popularity baseline has none, and SASRec's stands in for it wherever settings
   * need one (they do not apply to it).
   */
  public ModelType encoder() {
    return trained() ? encoder : ModelType.SASREC;
  }

  /** The training settings it starts from: its encoder's defaults and its own objective. */
  public TrainConfig trainingDefaults() {
    TrainConfig defaults = TrainConfig.defaults(encoder());
    return switch (this) {
      case SASREC_BCE -> defaults.with("loss", NextItemLoss.BCE);
      case DUOREC -> defaults.with("contrastive", ContrastiveMode.US_X);
      default -> defaults;
    };
  }
}
