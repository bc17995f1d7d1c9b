package io.github.fearec.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A dataset read from a file, together with what it took to get there: the file, the raw ids behind
 * the dense user indices and item ids, and what k-core filtering removed.
 *
 * <p>The raw ids let results be traced back to the original data (which product is item 17?); the
 * filter report lets the caller print what was dropped. Immutable.
 */
public final class LoadedDataset {

  private final Path source;
  private final SequenceDataset dataset;
  private final String[] userTokens;
  private final String[] itemTokens;
  private final FilterReport filterReport;

  /**
   * @param userTokens raw id of each user index (takes ownership)
   * @param itemTokens raw id of each item id, entry 0 unused (takes ownership)
   */
  LoadedDataset(
      Path source,
      SequenceDataset dataset,
      String[] userTokens,
      String[] itemTokens,
      FilterReport filterReport) {
    if (userTokens.length != dataset.numUsers() || itemTokens.length != dataset.numItems() + 1) {
      throw new IllegalArgumentException("token tables do not match the dataset");
    }
    this.source = Objects.requireNonNull(source, "source");
    this.dataset = dataset;
    this.userTokens = userTokens;
    this.itemTokens = itemTokens;
    this.filterReport = Objects.requireNonNull(filterReport, "filterReport");
  }

  /** The file that was read (for a directory {@code X}, the file {@code X/X.inter}). */
  public Path source() {
    return source;
  }

  public SequenceDataset dataset() {
    return dataset;
  }

  /** What k-core filtering removed; all zeros when it was disabled. */
  public FilterReport filterReport() {
    return filterReport;
  }

  /** The id the file uses for user index {@code user}. */
  public String userToken(int user) {
    return userTokens[Objects.checkIndex(user, userTokens.length)];
  }

  /** The id the file uses for item id {@code item} (1..numItems). */
  public String itemToken(int item) {
    if (item < 1 || item >= itemTokens.length) {
      throw new IndexOutOfBoundsException("item id " + item + " outside 1.." + dataset.numItems());
    }
    return itemTokens[item];
  }

  @Override
  public String toString() {
    return dataset + " from " + source + " (" + filterReport.summary() + ")";
  }
}
