package io.github.fearec.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComparisonsTest {

  @Test
  void closeToIsAbsoluteBelowOneAndRelativeAbove() {
    Comparison<Double> c = Comparisons.closeTo(1e-3);
    assertNull(c.mismatch(0.5, 0.5009));
    assertEquals("expected 0.5, got 0.5011 (tolerance 0.001)", c.mismatch(0.5, 0.5011));
    // 1000 ± 0.9 is within 1e-3 relative, ± 1.1 is not
    assertNull(c.mismatch(1000.0, 1000.9));
    assertEquals(
        "expected 1000.0, got 1001.1 (tolerance 0.001)", c.mismatch(1000.0, 1001.1));
    assertEquals("expected 0.5, got NaN (tolerance 0.001)", c.mismatch(0.5, Double.NaN));
    assertEquals("expected 0.5, got null", c.mismatch(0.5, null));
  }

  @Test
  void doublesNameTheFirstIndexThatDiffers() {
    Comparison<double[]> c = Comparisons.doubles(1e-9);
    assertNull(c.mismatch(new double[] {1, 2}, new double[] {1, 2 + 1e-12}));
    assertEquals(
        "differs at index 1: expected 2.0, got 2.5 (tolerance 1.0E-9)",
        c.mismatch(new double[] {1, 2, 3}, new double[] {1, 2.5, 4}));
    assertEquals(
        "expected an array of length 3, got one of length 2",
        c.mismatch(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertEquals("expected an array of length 1, got null", c.mismatch(new double[] {1}, null));
  }

  @Test
  void doubleRowsNameTheRowAndTheIndex() {
    Comparison<double[][]> c = Comparisons.doubleRows(1e-6);
    double[][] expected = {{1, 0}, {0.5, 0.5}};
    assertNull(c.mismatch(expected, new double[][] {{1, 0}, {0.5, 0.5 + 1e-9}}));
    assertEquals(
        "row 1: differs at index 0: expected 0.5, got 0.6 (tolerance 1.0E-6)",
        c.mismatch(expected, new double[][] {{1, 0}, {0.6, 0.4}}));
    assertEquals("expected 2 rows, got 1", c.mismatch(expected, new double[][] {{1, 0}}));
    assertEquals(
        "row 0: expected an array of length 2, got null",
        c.mismatch(expected, new double[][] {null, {0.5, 0.5}}));
  }

  @Test
  void intsCompareExactly() {
    Comparison<int[]> c = Comparisons.ints();
    assertNull(c.mismatch(new int[] {3, 1}, new int[] {3, 1}));
    assertEquals(
        "differs at index 0: expected 3, got 1", c.mismatch(new int[] {3, 1}, new int[] {1, 3}));
  }

  @Test
  void equalUsesEqualsAndDescribesBothSides() {
    Comparison<String> c = Comparisons.equal();
    assertNull(c.mismatch("a", "a"));
    assertEquals("expected a, got null", c.mismatch("a", null));
  }

  @Test
  void aToleranceMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Comparisons.closeTo(0));
    assertThrows(IllegalArgumentException.class, () -> Comparisons.doubles(Double.NaN));
  }

  @Test
  void intRowsNameTheRowAndIndexThatDiffer() {
    Comparison<int[][]> rows = Comparisons.intRows();
    assertNull(rows.mismatch(new int[][] {{1, 2}, {3}}, new int[][] {{1, 2}, {3}}));
    assertEquals("row 1: differs at index 0: expected 3, got 4",
        rows.mismatch(new int[][] {{1, 2}, {3}}, new int[][] {{1, 2}, {4}}));
    assertEquals("expected 2 rows, got 1", rows.mismatch(new int[][] {{1}, {2}}, new int[][] {{1}}));
  }
}
