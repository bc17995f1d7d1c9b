package io.github.fearec.eval;

/**
 * Whether a user's past items stay in the ranking (docs/model.md §1). Code bases differ here, and
 * the difference is not small, so every evaluation reports both and every published figure must be
 * compared with the kit's figure of the same protocol:
 *
 * <ul>
 *   <li>{@link #HISTORY_KEPT}: every item is ranked, the user's earlier items included, as the
 *       FEARec authors' RecBole-based code does (the kit's default for selection);
 *   <li>{@link #HISTORY_REMOVED}: the user's earlier items are taken out of the ranking (the target
 *       itself never is), as the FMLP-Rec family of code bases (FMLP-Rec, BSARec, WEARec) does.
 * </ul>
 */
public enum RankingProtocol {
  HISTORY_KEPT("history kept", ""),
  HISTORY_REMOVED("history removed", "nohistory_");

  private final String label;
  private final String columnPrefix;

  RankingProtocol(String label, String columnPrefix) {
    this.label = label;
    this.columnPrefix = columnPrefix;
  }

  /** "history kept" or "history removed", as tables and messages say it. */
  public String label() {
    return label;
  }

  /**
   * What goes before a metric's name in a column of this protocol: nothing for history kept (so
   * {@code valid_NDCG@10} keeps meaning what it always meant), {@code nohistory_} for history
   * removed ({@code valid_nohistory_NDCG@10}).
   */
  public String columnPrefix() {
    return columnPrefix;
  }

  /** The protocol that {@code exclude_history} selects by. */
  public static RankingProtocol of(boolean excludeHistory) {
    return excludeHistory ? HISTORY_REMOVED : HISTORY_KEPT;
  }
}
