package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleOrderTest {

  private static int[] concat(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void everySampleOnceAndTheLastPartialBatchIsKept() {
    List<int[]> batches = SampleOrder.epochBatches(10, 4, 7, 0);
    assertEquals(List.of(4, 4, 2), batches.stream().map(b -> b.length).toList());
    int[] all = concat(batches);
    Arrays.sort(all);
    assertArrayEquals(IntStream.range(0, 10).toArray(), all);
  }

  @Test
  void sameSeedAndEpochGiveTheSameOrder() {
    assertArrayEquals(
        concat(SampleOrder.epochBatches(1000, 64, 2020, 3)),
        concat(SampleOrder.epochBatches(1000, 64, 2020, 3)));
  }

  @Test
  void epochsAndSeedsGiveDifferentOrders() {
    int[] base = concat(SampleOrder.epochBatches(1000, 64, 2020, 3));
    assertFalse(Arrays.equals(base, concat(SampleOrder.epochBatches(1000, 64, 2020, 4))));
    assertFalse(Arrays.equals(base, concat(SampleOrder.epochBatches(1000, 64, 2021, 3))));
    assertFalse(Arrays.equals(IntStream.range(0, 1000).toArray(), base), "is shuffled");
  }

  @Test
  void inOrderCutsWithoutShuffling() {
    List<int[]> batches = SampleOrder.inOrder(5, 2);
    assertEquals(3, batches.size());
    assertArrayEquals(new int[] {4}, batches.get(2));
    assertArrayEquals(IntStream.range(0, 5).toArray(), concat(batches));
    assertEquals(0, SampleOrder.inOrder(0, 2).size());
  }

  @Test
  void rejectsNonPositiveBatchSize() {
    assertThrows(IllegalArgumentException.class, () -> SampleOrder.inOrder(5, 0));
    assertThrows(IllegalArgumentException.class, () -> SampleOrder.epochBatches(-1, 4, 1, 0));
  }
}
