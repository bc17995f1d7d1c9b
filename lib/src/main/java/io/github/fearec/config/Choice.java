package io.github.fearec.config;

/**
 * An enum a setting can take: {@link #id()} is how users spell the constant in config files and
 * how results files record it. {@link ConfigSchema} parses a value by matching the ids, ignoring
 * case.
 */
public interface Choice {

  /** The constant as users spell it. */
  String id();
}
