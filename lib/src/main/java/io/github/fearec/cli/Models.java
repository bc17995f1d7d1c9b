package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import io.github.fearec.nn.ModelType;
import java.util.List;

/** The model names the command line accepts. */
final class Models {

  static final String POPULARITY = "pop";
  static final List<String> NAMES = List.of("fearec", "sasrec", POPULARITY);

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
}
