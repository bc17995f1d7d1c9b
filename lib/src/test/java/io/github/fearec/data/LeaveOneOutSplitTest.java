package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.FearecException;
import org.junit.jupiter.api.Test;

class LeaveOneOutSplitTest {

  private final SequenceDataset dataset =
      new SequenceDataset("toy", 9, new int[][] {{5, 6, 7, 8, 9}, {3, 1, 2}});
  private final LeaveOneOutSplit split = new LeaveOneOutSplit(dataset);

  @Test
  void lastItemIsTestSecondToLastIsValidationRestIsTraining() {
    assertSame(dataset, split.dataset());
    assertEquals(2, split.numUsers());
    assertEquals(3, split.trainLength(0));
    assertEquals(8, split.validationTarget(0));
    assertEquals(9, split.testTarget(0));
    assertEquals(1, split.trainLength(1));
    assertEquals(1, split.validationTarget(1));
    assertEquals(2, split.testTarget(1));
  }

  @Test
  void phaseViewAgreesWithNamedAccessors() {
    assertEquals(3, split.inputLength(0, HeldOut.VALIDATION));
    assertEquals(4, split.inputLength(0, HeldOut.TEST));
    assertEquals(split.validationTarget(0), split.target(0, HeldOut.VALIDATION));
    assertEquals(split.testTarget(1), split.target(1, HeldOut.TEST));
  }

  @Test
  void historyIsEverythingBeforeTheTarget() {
    assertArrayEquals(new int[] {5, 6, 7}, split.history(0, HeldOut.VALIDATION));
    assertArrayEquals(new int[] {5, 6, 7, 8}, split.history(0, HeldOut.TEST));
    assertArrayEquals(new int[] {3}, split.history(1, HeldOut.VALIDATION));
  }

  @Test
  void usersWithFewerThanThreeItemsCannotBeSplit() {
    SequenceDataset tooShort = new SequenceDataset("short", 3, new int[][] {{1, 2, 3}, {1, 2}});
    FearecException e = assertThrows(FearecException.class, () -> new LeaveOneOutSplit(tooShort));
    assertEquals(
        "dataset short: user index 1 has 2 item(s); expected at least 3 for leave-one-out",
        e.getMessage());
  }
}
