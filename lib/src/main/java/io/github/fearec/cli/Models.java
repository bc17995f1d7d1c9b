package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import io.github.fearec.nn.ModelType;
import io.github.fearec.train.ContrastiveMode;
import io.github.fearec.train.TrainConfig;
import java.util.List;

/** The model names the command line accepts. */
final class Models {

  static final String POPULARITY = "pop";
  static final String FEAREC = "fearec";

  /**
   * DuoRec (Qiu et al., WSDM 2022) is SASRec's encoder trained with the us_x contrastive term, the
   * objective FEARec inherits; it has no frequency loss.
   */
  static final String DUOREC = "duorec";

  static final List<String> NAMES = List.of(FEAREC, "sasrec", DUOREC, POPULARITY);

  private Models() {}

  static String check(String name) {
    String n = name.trim().toLowerCase(java.util.Locale.ROOT);
    ConfigException.require(NAMES.contains(n), "model", name, "one of " + NAMES);
    return n;
  }

  /** The encoder type; the popularity baseline trains nothing, so SASRec's defaults serve it. */
  static ModelType neuralType(String name) {
    return check(name).equals("fearec") ? ModelType.FEAREC : ModelType.SASREC;
  }

  /** The training defaults of a model: its encoder's, with DuoRec's contrastive term added. */
  static TrainConfig trainingDefaults(String name) {
    TrainConfig defaults = TrainConfig.defaults(neuralType(name));
    return check(name).equals(DUOREC) ? defaults.with("contrastive", ContrastiveMode.US_X) : defaults;
  }
}
