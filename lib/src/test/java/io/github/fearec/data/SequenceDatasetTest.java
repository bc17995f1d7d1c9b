package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

  private final int[][] sequences = {{3, 1, 3}, {2}, {4, 4, 1, 2}};
  private final SequenceDataset dataset = new SequenceDataset("toy", 5, sequences);

  @Test
  void sizes() {
    assertEquals("toy", dataset.name());
    assertEquals(3, dataset.numUsers());
    assertEquals(5, dataset.numItems());
    assertEquals(8, dataset.numInteractions());
    assertEquals(4, dataset.maxLength());
    assertEquals(1, dataset.length(1));
  }

  @Test
  void itemsInOrder() {
    assertArrayEquals(new int[] {4, 4, 1, 2}, dataset.sequence(2));
    assertEquals(1, dataset.item(0, 1));
    assertEquals(2, dataset.item(2, 3));
  }

  @Test
  void itemCountsIncludeUnusedIdsAndPaddingSlot() {
    assertArrayEquals(new int[] {0, 2, 2, 2, 2, 0}, dataset.itemCounts());
  }

  @Test
  void isImmutable() {
    sequences[0][0] = 5;
    dataset.sequence(0)[1] = 5;
    dataset.itemCounts()[1] = 99;
    assertArrayEquals(new int[] {3, 1, 3}, dataset.sequence(0));
    assertEquals(2, dataset.itemCounts()[1]);
  }

  @Test
  void positionOutsideTheUsersSequenceIsRejectedNotReadFromTheNextUser() {
    assertThrows(IndexOutOfBoundsException.class, () -> dataset.item(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> dataset.item(3, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> dataset.sequence(-1));
  }

  @Test
  void rejectsPaddingIdAndIdsBeyondTheCatalogue() {
    assertThrows(
        IllegalArgumentException.class, () -> new SequenceDataset("x", 5, new int[][] {{1, 0}}));
    assertThrows(
        IllegalArgumentException.class, () -> new SequenceDataset("x", 5, new int[][] {{6}}));
    assertThrows(IllegalArgumentException.class, () -> new SequenceDataset("x", -1, new int[0][]));
  }
}
