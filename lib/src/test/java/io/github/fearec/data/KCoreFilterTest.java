package io.github.fearec.data;

import static io.github.fearec.data.SequenceFileReaderTest.describe;
import static io.github.fearec.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KCoreFilterTest {

  /**
   * A cascade at k = 3. Round 1: user 4 has 2 items and item 5 occurs once, both go. Round 2: item
   * 4 is left with 2 occurrences (users 3 and 5) and goes. Round 3: user 5 is left with items 1 2
   * and goes. Users 1-3 then hold items 1-3 three times each: stable.
   */
  static final String CASCADE = "1 1 2 3\n2 1 2 3\n3 1 2 3 4\n4 4 5\n5 4 1 2\n";

  @TempDir Path dir;

  @Test
  void removesIterativelyUntilStable() {
    RawSequences raw = SequenceFileReader.read(write(dir, "c.txt", CASCADE));
    KCoreFilter.Result result = KCoreFilter.apply(raw, 3);
    assertEquals("1: 1 2 3\n2: 1 2 3\n3: 1 2 3\n", describe(result.sequences()));
    assertEquals(new FilterReport(3, 5, 5, 15, 2, 2, 6), result.report());
    assertEquals(
        "3-core filtering removed 2 of 5 users, 2 of 5 items, 6 of 15 interactions",
        result.report().summary());
  }

  @Test
  void oneRoundIsNotEnough() {
    RawSequences raw = SequenceFileReader.read(write(dir, "c.txt", CASCADE));
    // k = 2 removes only item 5 (user 4 then keeps 1 item and goes next round; item 4 keeps 2).
    KCoreFilter.Result result = KCoreFilter.apply(raw, 2);
    assertEquals("1: 1 2 3\n2: 1 2 3\n3: 1 2 3 4\n5: 4 1 2\n", describe(result.sequences()));
    assertEquals(new FilterReport(2, 5, 5, 15, 1, 1, 2), result.report());
  }

  @Test
  void countsRepeatedInteractions() {
    RawSequences raw = SequenceFileReader.read(write(dir, "r.txt", "1 7 7 7\n2 7 8\n"));
    assertEquals("1: 7 7 7\n", describe(KCoreFilter.apply(raw, 3).sequences()));
  }

  @Test
  void zeroAndOneDisableFiltering() {
    RawSequences raw = SequenceFileReader.read(write(dir, "c.txt", CASCADE));
    for (int k : new int[] {0, 1}) {
      KCoreFilter.Result result = KCoreFilter.apply(raw, k);
      assertEquals(describe(raw), describe(result.sequences()));
      assertFalse(result.report().enabled());
      assertFalse(result.report().removedAnything());
      assertEquals(new FilterReport(k, 5, 5, 15, 0, 0, 0), result.report());
    }
  }
}
