package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchFactoryTest {

  private final SequenceDataset dataset =
      new SequenceDataset("toy", 9, new int[][] {{1, 2, 3, 4, 5, 6, 7}, {8, 9, 1}, {2, 3, 4, 5}});
  private final LeaveOneOutSplit split = new LeaveOneOutSplit(dataset);
  private final BatchFactory factory = new BatchFactory(3);

  @Test
  void trainingBatchTruncatesToTheMostRecentItemsAndPadsOnTheRight() {
    TrainingSamples samples = new TrainingSamples(split);
    // Samples: user 0 -> (1->2) (1 2->3) (1 2 3->4) (1 2 3 4->5); user 2 -> (2->3).
    Batch batch = factory.trainingBatch(samples, new int[] {3, 0, 4});
    assertEquals(3, batch.size());
    assertEquals(3, batch.maxLength());
    assertArrayEquals(new int[] {2, 3, 4, 1, 0, 0, 2, 0, 0}, batch.items());
    assertArrayEquals(new int[] {3, 1, 1}, batch.lengths());
    assertArrayEquals(new int[] {5, 2, 3}, batch.targets());
    assertArrayEquals(new int[] {0, 0, 2}, batch.users());
  }

  @Test
  void nextItemsAreTheInputShiftedByOneWithinTheTruncatedWindow() {
    TrainingSamples whole = TrainingSamples.wholeSequences(split);
    // user 0: training part 1..5, input 1 2 3 4 -> window 2 3 4, next items 3 4 5;
    // user 2: training part 2 3, input 2 -> window 2, next item 3, then padding
    int[] ids = {1, 0};
    assertArrayEquals(new int[] {2, 0, 0, 2, 3, 4}, factory.trainingBatch(whole, ids).items());
    assertArrayEquals(new int[] {3, 0, 0, 3, 4, 5}, factory.nextItems(whole, ids));
  }

  @Test
  void validationBatchInputIsTheTrainingPart() {
    Batch batch = factory.validationBatch(split, new int[] {2, 0, 1});
    assertArrayEquals(new int[] {2, 3, 0, 3, 4, 5, 8, 0, 0}, batch.items());
    assertArrayEquals(new int[] {2, 3, 1}, batch.lengths());
    assertArrayEquals(new int[] {4, 6, 9}, batch.targets());
    assertArrayEquals(new int[] {2, 0, 1}, batch.users());
  }

  @Test
  void testBatchInputIncludesTheValidationItem() {
    Batch batch = factory.testBatch(split, new int[] {0, 1, 2});
    assertArrayEquals(new int[] {4, 5, 6, 8, 9, 0, 2, 3, 4}, batch.items());
    assertArrayEquals(new int[] {3, 2, 3}, batch.lengths());
    assertArrayEquals(new int[] {7, 1, 5}, batch.targets());
  }

  @Test
  void evaluationBatchEqualsTheNamedShortcuts() {
    int[] users = {1, 2};
    assertArrayEquals(
        factory.testBatch(split, users).items(),
        factory.evaluationBatch(split, users, HeldOut.TEST).items());
  }

  @Test
  void longRowsFitExactly() {
    Batch batch = new BatchFactory(6).testBatch(split, new int[] {0});
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, batch.items());
    assertEquals(6, batch.lengths()[0]);
  }

  @Test
  void batchDoesNotShareTheCallersUserArray() {
    int[] users = {0, 1};
    Batch batch = factory.validationBatch(split, users);
    users[0] = 2;
    assertArrayEquals(new int[] {0, 1}, batch.users());
  }

  @Test
  void emptyBatchIsAllowed() {
    Batch batch = factory.validationBatch(split, new int[0]);
    assertEquals(0, batch.size());
    assertEquals(0, batch.items().length);
  }

  @Test
  void maxLengthMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new BatchFactory(0));
  }
}
