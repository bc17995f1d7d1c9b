package io.github.fearec.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

  @Test
  void yOnlyFactoriesUsePositionsAsX() {
    assertArrayEquals(new double[] {0, 1, 2}, Series.of("a", new double[] {5, 6, 7}).x());
    assertArrayEquals(new double[] {0, 1}, Series.of("b", new float[] {1f, 2f}).x());
    assertArrayEquals(new double[] {3, 4}, Series.of("c", new int[] {3, 4}).y());
    assertArrayEquals(new double[] {0.5, 2}, Series.of("d", List.of(0.5, 2)).y());
    assertArrayEquals(new double[] {1, 2, 3}, Series.startingAt("e", 1, new double[] {9, 9, 9}).x());
  }

  @Test
  void copiesItsArraysBothWays() {
    double[] y = {1, 2, 3};
    Series s = Series.of("s", y);
    y[0] = 100;
    assertEquals(1, s.y()[0], "a later change to the caller's array must not leak in");
    s.y()[1] = 100;
    assertEquals(2, s.y()[1], "the returned array is a copy");
  }

  @Test
  void rejectsMismatchedOrEmptyData() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Series.of("bad", new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Series.of("empty", new double[0]));
  }

  @Test
  void positivePartDropsWhatALogAxisCannotShow() {
    Series s = Series.of("s", new double[] {0, 1, 2, 3}, new double[] {5, 0, -1, 7});
    Series kept = s.positivePart(false);
    assertArrayEquals(new double[] {0, 3}, kept.x());
    assertArrayEquals(new double[] {5, 7}, kept.y());
    Series logX = s.positivePart(true);
    assertArrayEquals(new double[] {3}, logX.x(), "x = 0 is dropped on a log x axis");
    Series all = Series.of("p", new double[] {1, 2});
    assertSame(all, all.positivePart(false));
    assertNull(Series.of("z", new double[] {0, -2}).positivePart(false));
  }
}
