package io.github.fearec.data;

import static io.github.fearec.data.SequenceFileReaderTest.describe;
import static io.github.fearec.data.TestFiles.assertFormatError;
import static io.github.fearec.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterFileReaderTest {

  @TempDir Path dir;

  @Test
  void readsRowsGroupedByUserInFirstAppearanceOrder() {
    Path file =
        write(dir, "x.inter", "user_id:token\titem_id:token\nb\tp\na\tq\nb\tr\na\tp\nc\tq\n");
    RawSequences raw = InterFileReader.read(file);
    assertEquals("b: p r\na: q p\nc: q\n", describe(raw));
    assertEquals(3, raw.numItemTokens());
    assertEquals(3, raw.userLine(1)); // user a first appears on line 3
  }

  @Test
  void columnsInAnyOrderWithTimestampsSortingRowsStably() {
    String text =
        "timestamp:float\titem_id:token\trating:float\tuser_id:token\tcategories:token_seq\n"
            + "30\tB001\t5.0\tu2\tx y\n"
            + "20\tB002\t4.0\tu1\t\n"
            + "10\tB003\t3.0\tu1\tz\n"
            + "20\tB004\t1.0\tu1\t\n" // same time as B002, later in the file: stays after it
            + "1e1\tB005\t2.0\tu2\t\n"
            + "5.5\tB006\t2.0\tu1\t\n";
    RawSequences raw = InterFileReader.read(write(dir, "x.inter", text));
    assertEquals("u2: B005 B001\nu1: B006 B003 B002 B004\n", describe(raw));
  }

  @Test
  void withoutTimestampFileOrderIsChronological() {
    Path file =
        write(
            dir,
            "x.inter",
            "item_id:token\tuser_id:token\trating:float\n9\t1\t5\n3\t1\t1\n7\t1\t2\n");
    assertEquals("1: 9 3 7\n", describe(InterFileReader.read(file)));
  }

  @Test
  void trimsSpacesAroundTokensAndSkipsBlankLines() {
    Path file = write(dir, "x.inter", "\nuser_id:token\titem_id:token\n\n 1 \t a\n\n1\ta \n");
    RawSequences raw = InterFileReader.read(file);
    assertEquals("1: a a\n", describe(raw));
    assertEquals(4, raw.userLine(0));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("none.inter");
    assertFormatError(
        file, 0, "no such file", "an existing data file", () -> InterFileReader.read(file));
  }

  @Test
  void headerWithoutRows() {
    Path file = write(dir, "x.inter", "user_id:token\titem_id:token\n\n");
    assertFormatError(
        file,
        0,
        "a header but no rows",
        "at least one interaction row",
        () -> InterFileReader.read(file));
  }

  @Test
  void missingUserColumn() {
    Path file = write(dir, "x.inter", "\nsession_id:token\titem_id:token\n1\t2\n");
    assertFormatError(
        file,
        2,
        "the header has no user_id column",
        "user_id:token and item_id:token columns",
        () -> InterFileReader.read(file));
  }

  @Test
  void repeatedColumn() {
    Path file = write(dir, "x.inter", "user_id:token\titem_id:token\tuser_id:token\n1\t2\t3\n");
    assertFormatError(
        file,
        1,
        "(column 3) repeats column 1",
        "distinct column names",
        () -> InterFileReader.read(file));
  }

  @Test
  void rowWithTooManyFields() {
    Path file = write(dir, "x.inter", "user_id:token\titem_id:token\n1\t2\n1\t3\t\n");
    assertFormatError(
        file,
        3,
        "the row has 3 tab-separated fields",
        "2 fields, one per header column",
        () -> InterFileReader.read(file));
  }

  @Test
  void emptyItemToken() {
    Path file = write(dir, "x.inter", "user_id:token\titem_id:token\n1\t2\n1\t \n");
    assertFormatError(
        file,
        3,
        "the item_id field (column 2) is empty",
        "an id token",
        () -> InterFileReader.read(file));
  }

  @Test
  void nonNumericTimestamp() {
    Path file =
        write(dir, "x.inter", "user_id:token\titem_id:token\ttimestamp:float\n1\t2\tyesterday\n");
    assertFormatError(
        file,
        2,
        "timestamp 'yesterday' is not a finite decimal number",
        "a number",
        () -> InterFileReader.read(file));
  }
}
