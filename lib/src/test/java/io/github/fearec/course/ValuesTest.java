package io.github.fearec.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private record Args(int n, double[] x) {}

  @Test
  void arraysShowTheirElements() {
    assertEquals("[1.0, -0.5]", Values.describe(new double[] {1, -0.5}));
    assertEquals("[[1, 2], [3]]", Values.describe(new int[][] {{1, 2}, {3}}));
    assertEquals("[a, null]", Values.describe(new Object[] {"a", null}));
    assertEquals("[x, y]", Values.describe(List.of("x", "y")));
    assertEquals("null", Values.describe(null));
  }

  @Test
  void longArraysAreShortenedButSayHowLongTheyAre() {
    int[] a = new int[20];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, ..., 17, 18, 19] (20 values)", Values.describe(a));
  }

  @Test
  void recordsShowTheirComponentsArraysIncluded() {
    assertEquals("Args[n=2, x=[0.5, 1.5]]", Values.describe(new Args(2, new double[] {0.5, 1.5})));
  }
}
