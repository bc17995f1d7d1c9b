package io.github.fearec.data;

/**
 * What k-core filtering removed from a dataset, so that callers can tell their users instead of
 * silently shrinking the data.
 *
 * @param kCore the threshold used; 0 or 1 means filtering was disabled
 * @param usersBefore users in the file
 * @param itemsBefore distinct items in the file
 * @param interactionsBefore interactions (sequence entries) in the file
 * @param usersRemoved users dropped entirely
 * @param itemsRemoved distinct items that no longer occur
 * @param interactionsRemoved interactions dropped, both of removed users and of removed items
 */
public record FilterReport(
    int kCore,
    int usersBefore,
    int itemsBefore,
    long interactionsBefore,
    int usersRemoved,
    int itemsRemoved,
    long interactionsRemoved) {

  /** Whether the threshold can remove anything at all (k of 2 or more). */
  public boolean enabled() {
    return kCore >= 2;
  }

  public boolean removedAnything() {
    return usersRemoved > 0 || itemsRemoved > 0 || interactionsRemoved > 0;
  }

  /** One line for logs, e.g. {@code "5-core filtering removed 3 of 120 users, ..."}. */
  public String summary() {
    if (!enabled()) {
      return "k-core filtering disabled: kept all "
          + usersBefore
          + " users, "
          + itemsBefore
          + " items, "
          + interactionsBefore
          + " interactions";
    }
    return kCore
        + "-core filtering removed "
        + usersRemoved
        + " of "
        + usersBefore
        + " users, "
        + itemsRemoved
        + " of "
        + itemsBefore
        + " items, "
        + interactionsRemoved
        + " of "
        + interactionsBefore
        + " interactions";
  }
}
