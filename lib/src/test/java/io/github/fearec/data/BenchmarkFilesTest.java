package io.github.fearec.data;

import static io.github.fearec.data.DatasetLoaderTest.assertSameSequences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks against the real Beauty files of the shared folder; skipped where they are absent. */
class BenchmarkFilesTest {

  private static final int USERS = 22_363;
  private static final int ITEMS = 12_101;
  private static final long INTERACTIONS = 198_502;

  @Test
  void beautyTxtIsReadUnchanged() {
    Path file = SharedData.require("Beauty.txt");
    LoadedDataset loaded = DatasetLoader.load(file);
    SequenceDataset beauty = loaded.dataset();
    assertEquals(USERS, beauty.numUsers());
    assertEquals(ITEMS, beauty.numItems());
    assertEquals(INTERACTIONS, beauty.numInteractions());
    assertFalse(loaded.filterReport().removedAnything(), "Beauty is already 5-core");
    // The file's first line is "1 1 2 3 4 5" and its ids are dense: they must stay as they are.
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, beauty.sequence(0));
    assertEquals("22363", loaded.userToken(USERS - 1));
    assertEquals("12101", loaded.itemToken(ITEMS));
  }

  @Test
  void beautyInterGivesTheSameDatasetAsBeautyTxt() {
    SequenceDataset txt = DatasetLoader.load(SharedData.require("Beauty.txt")).dataset();
    Path directory = SharedData.require("Amazon_Beauty");
    SequenceDataset inter = DatasetLoader.load(directory).dataset();
    assertSameSequences(txt, inter);
    assertEquals("Amazon_Beauty", inter.name());
  }

  @Test
  void beautySplitAndTrainingSamples() {
    SequenceDataset beauty = DatasetLoader.load(SharedData.require("Beauty.txt")).dataset();
    LeaveOneOutSplit split = new LeaveOneOutSplit(beauty);
    TrainingSamples samples = new TrainingSamples(split);
    assertEquals(USERS, split.numUsers());
    assertEquals(131_413, samples.size()); // 198,502 - 3 * 22,363
    assertEquals(USERS - 1, samples.user(samples.size() - 1));
    // User 1 is "1 2 3 4 5": train 1 2 3, validation 4, test 5, samples (1 -> 2), (1 2 -> 3).
    assertEquals(3, split.trainLength(0));
    assertEquals(4, split.validationTarget(0));
    assertEquals(5, split.testTarget(0));
    assertEquals(2, samples.target(0));
    assertEquals(3, samples.target(1));
    assertEquals(1, samples.user(2));
  }
}
