package io.github.fearec.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel counts of rendered charts: what "the chart shows something" means in these tests. */
final class Pixels {

  private Pixels() {}

  /** Pixels that are not (nearly) white, i.e. where something was drawn. */
  static long inked(BufferedImage image) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (c.getRed() < 235 || c.getGreen() < 235 || c.getBlue() < 235) {
          count++;
        }
      }
    }
    return count;
  }

  /** Pixels within {@code tolerance} of {@code colour} in every channel (antialiasing blends edges). */
  static long near(BufferedImage image, Color colour, int tolerance) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - colour.getRed()) <= tolerance
            && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
            && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
