package io.github.fearec.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a component of a configuration record as a setting: the one place its key, meaning,
 * default, allowed values and scope are written. {@link ConfigSchema} reads these declarations to
 * parse and validate values, to stage and build the record, and the command line reads them to
 * document every key ({@code fearec keys}) and to write a run's effective settings. Adding a
 * hyperparameter is therefore one annotated record component plus the code that uses it.
 *
 * <p>Bounds apply to numbers; {@link #oneOf} to text. Combinations of settings (a divisor, a
 * length that must exceed a period) are checked by the record's own constructor, where both
 * values are at hand.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

  /** The key of config files, {@code --set} and results files, in snake_case. */
  String key();

  /** Older keys still accepted for it (a config file a user may have); never written. */
  String[] aliases() default {};

  /** What the setting means, in one line, as {@code fearec keys} prints it. */
  String doc();

  /** The default value, spelled as a config file would give it. */
  String init();

  /** When the setting means something; given where it does not, it is refused. */
  Scope scope();

  /** The smallest allowed number. */
  double min() default Double.NEGATIVE_INFINITY;

  /** Whether {@link #min} itself is excluded. */
  boolean minExcluded() default false;

  /** The largest allowed number. */
  double max() default Double.POSITIVE_INFINITY;

  /** Whether {@link #max} itself is excluded. */
  boolean maxExcluded() default false;

  /** For text: the allowed values, matched ignoring case and stored as spelled here. */
  String[] oneOf() default {};
}
