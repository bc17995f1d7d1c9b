package io.github.fearec.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochCurvesTest {

  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("epochs.csv"), text);
  }

  @Test
  void aColumnAgainstTheEpochFromAFileOrItsRunDirectory() throws IOException {
    csv("epoch,loss,valid_NDCG@10,improved\n1,9.5,0.010,true\n2,9.1,0.025,true\n4,8.8,0.020,false\n");
    for (Path source : new Path[] {dir, dir.resolve("epochs.csv")}) {
      Series s = EpochCurves.read("FEARec", source, "valid_NDCG@10");
      assertEquals("FEARec", s.name());
      assertArrayEquals(new double[] {1, 2, 4}, s.x());
      assertArrayEquals(new double[] {0.010, 0.025, 0.020}, s.y());
    }
  }

  @Test
  void aMissingColumnNamesTheFileAndTheColumnsThereAre() throws IOException {
    csv("epoch,loss\n1,9.5\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> EpochCurves.read("x", dir, "HR@10"));
    assertEquals(dir.resolve("epochs.csv") + ":1: no column 'HR@10'; expected one of the columns"
        + " epoch, loss", e.getMessage());
  }

  @Test
  void aValueThatIsNotANumberNamesItsLine() throws IOException {
    csv("epoch,loss\n1,9.5\n2,\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> EpochCurves.read("x", dir, "loss"));
    assertEquals(dir.resolve("epochs.csv") + ":3: the loss value of '2,' is not a finite number;"
        + " expected numbers in columns epoch and loss", e.getMessage());
  }
}
