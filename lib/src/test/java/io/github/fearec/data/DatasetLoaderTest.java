package io.github.fearec.data;

import static io.github.fearec.data.TestFiles.assertFormatError;
import static io.github.fearec.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.FearecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  private static final String SMALL_TXT = "1 1 2 3\n2 2 3 4 1\n3 4 4 2\n";
  private static final String SMALL_INTER =
      "user_id:token\titem_id:token\n"
          + "1\t1\n1\t2\n1\t3\n2\t2\n2\t3\n2\t4\n2\t1\n3\t4\n3\t4\n3\t2\n";

  @TempDir Path dir;

  /** Asserts equal users, catalogue and sequences (names may differ). */
  static void assertSameSequences(SequenceDataset expected, SequenceDataset actual) {
    assertEquals(expected.numUsers(), actual.numUsers(), "users");
    assertEquals(expected.numItems(), actual.numItems(), "items");
    assertEquals(expected.numInteractions(), actual.numInteractions(), "interactions");
    for (int u = 0; u < expected.numUsers(); u++) {
      assertArrayEquals(expected.sequence(u), actual.sequence(u), "user " + u);
    }
  }

  @Test
  void loadsTxt() {
    LoadedDataset loaded = DatasetLoader.load(write(dir, "Small.txt", SMALL_TXT), 0);
    SequenceDataset data = loaded.dataset();
    assertEquals("Small", data.name());
    assertEquals(3, data.numUsers());
    assertEquals(4, data.numItems());
    assertArrayEquals(new int[] {2, 3, 4, 1}, data.sequence(1));
    assertEquals("3", loaded.userToken(2));
    assertEquals("4", loaded.itemToken(4));
    assertFalse(loaded.filterReport().removedAnything());
  }

  @Test
  void txtAndInterWithTheSameContentGiveTheSameDataset() {
    SequenceDataset fromTxt = DatasetLoader.load(write(dir, "a.txt", SMALL_TXT), 0).dataset();
    SequenceDataset fromInter = DatasetLoader.load(write(dir, "b.inter", SMALL_INTER), 0).dataset();
    assertSameSequences(fromTxt, fromInter);
  }

  @Test
  void loadsRecBoleDirectory() {
    Path data = dir.resolve("Small");
    Path inter = write(data, "Small.inter", SMALL_INTER);
    LoadedDataset loaded = DatasetLoader.load(data, 0);
    assertEquals(inter, loaded.source());
    assertEquals("Small", loaded.dataset().name());
    assertEquals(10, loaded.dataset().numInteractions());
  }

  @Test
  void stringTokensGetIdsInFirstAppearanceOrder() {
    Path file =
        write(
            dir,
            "s.inter",
            "user_id:token\titem_id:token\nAlice\tB0X\nAlice\tA1\nBob\tA1\n"
                + "Bob\tC2\nBob\tB0X\nAlice\tC2\n");
    LoadedDataset loaded = DatasetLoader.load(file, 0);
    assertArrayEquals(new int[] {1, 2, 3}, loaded.dataset().sequence(0));
    assertArrayEquals(new int[] {2, 3, 1}, loaded.dataset().sequence(1));
    assertEquals("B0X", loaded.itemToken(1));
    assertEquals("C2", loaded.itemToken(3));
    assertEquals("Bob", loaded.userToken(1));
    assertThrows(IndexOutOfBoundsException.class, () -> loaded.itemToken(0));
  }

  @Test
  void kCoreCascadeIsReportedAndIdsStayNumeric() {
    Path file = write(dir, "c.txt", "1 10 20 30\n2 10 20 30\n3 10 20 30 40\n4 40 50\n5 40 10 20\n");
    LoadedDataset loaded = DatasetLoader.load(file, 3);
    SequenceDataset data = loaded.dataset();
    assertEquals(3, data.numUsers());
    assertEquals(3, data.numItems());
    for (int u = 0; u < 3; u++) {
      assertArrayEquals(new int[] {1, 2, 3}, data.sequence(u));
    }
    assertEquals("30", loaded.itemToken(3));
    assertEquals(new FilterReport(3, 5, 5, 15, 2, 2, 6), loaded.filterReport());
    assertTrue(loaded.toString().contains("3-core filtering removed 2 of 5 users"));
  }

  @Test
  void defaultIsFiveCore() {
    assertEquals(5, DatasetLoader.DEFAULT_K_CORE);
    Path file =
        write(
            dir,
            "f.txt",
            "1 1 2 3 4 5\n2 1 2 3 4 5\n3 1 2 3 4 5\n4 1 2 3 4 5\n5 1 2 3 4 5\n6 1 2 3 4\n");
    LoadedDataset loaded = DatasetLoader.load(file);
    assertEquals(5, loaded.dataset().numUsers());
    assertEquals(new FilterReport(5, 6, 5, 29, 1, 0, 4), loaded.filterReport());
  }

  @Test
  void userTooShortAfterFilteringSaysSo() {
    Path file =
        write(dir, "s.inter", "user_id:token\titem_id:token\nu\ta\nu\ta\nu\tb\nv\ta\nv\ta\nv\tc\n");
    assertFormatError(
        file,
        2,
        "user 'u' has only 2 item(s) after 2-core filtering",
        "at least 3 items per user",
        () -> DatasetLoader.load(file, 2));
  }

  @Test
  void filteringThatLeavesNothingIsAnError() {
    Path file = write(dir, "s.txt", SMALL_TXT);
    assertFormatError(
        file,
        0,
        "10-core filtering removed 3 of 3 users",
        "(try a smaller k)",
        () -> DatasetLoader.load(file, 10));
  }

  @Test
  void unknownExtension() {
    Path file = write(dir, "data.csv", SMALL_TXT);
    assertFormatError(
        file,
        0,
        "unknown file extension",
        "a .txt file, a .inter file",
        () -> DatasetLoader.load(file, 5));
  }

  @Test
  void negativeKIsAConfigurationError() {
    Path file = write(dir, "s.txt", SMALL_TXT);
    FearecException e = assertThrows(FearecException.class, () -> DatasetLoader.load(file, -1));
    assertEquals(
        "k-core threshold -1 is negative; expected 0 or 1 (no filtering) or k >= 2",
        e.getMessage());
  }
}
