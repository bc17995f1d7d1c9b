package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapperTest {

  private static boolean[] all(int n) {
    boolean[] survives = new boolean[n];
    Arrays.fill(survives, true);
    return survives;
  }

  @Test
  void denseNumericIdsKeepTheirValue() {
    IdMapper ids = new IdMapper(List.of("3", "1", "2"), all(3));
    assertEquals(3, ids.denseId(0));
    assertEquals(1, ids.denseId(1));
    assertEquals(2, ids.denseId(2));
    assertArrayEquals(new String[] {null, "1", "2", "3"}, ids.tokensById());
  }

  @Test
  void sparseNumericIdsAreNumberedInAscendingOrder() {
    IdMapper ids = new IdMapper(List.of("30", "10", "2000000000"), all(3));
    assertArrayEquals(new String[] {null, "10", "30", "2000000000"}, ids.tokensById());
  }

  @Test
  void otherTokensAreNumberedByFirstAppearance() {
    IdMapper ids = new IdMapper(List.of("B07", "A01", "7"), all(3));
    assertArrayEquals(new String[] {null, "B07", "A01", "7"}, ids.tokensById());
  }

  @Test
  void numbersWrittenUnusuallyAreTokens() {
    IdMapper ids = new IdMapper(List.of("2", "01"), all(2));
    assertArrayEquals(new String[] {null, "2", "01"}, ids.tokensById());
  }

  @Test
  void onlySurvivorsGetIds() {
    IdMapper ids =
        new IdMapper(List.of("5", "x", "2", "9"), new boolean[] {true, false, true, true});
    assertEquals(3, ids.size());
    assertArrayEquals(new String[] {null, "2", "5", "9"}, ids.tokensById());
    assertThrows(IllegalArgumentException.class, () -> ids.denseId(1));
  }
}
