package io.github.fearec.data;

/**
 * Builds {@link Batch}es for a model with maximum sequence length N.
 *
 * <p>Training, validation and test batches differ only in where each row's input ends and which
 * item is the target; all three go through one routine that copies the most recent at most N items
 * of the input prefix into a right-padded row. Inputs longer than N are truncated at the old end,
 * because the recent items carry the most signal for the next one.
 */
public final class BatchFactory {

  private final int maxLength;

  /**
   * @param maxLength N, the number of input positions of the model (default 50, docs/model.md §9)
   */
  public BatchFactory(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  /** A batch of the given training samples, in the given order. */
  public Batch trainingBatch(TrainingSamples samples, int[] sampleIds) {
    int[] users = new int[sampleIds.length];
    int[] inputLengths = new int[sampleIds.length];
    int[] targets = new int[sampleIds.length];
    for (int r = 0; r < sampleIds.length; r++) {
      users[r] = samples.user(sampleIds[r]);
      inputLengths[r] = samples.inputLength(sampleIds[r]);
      targets[r] = samples.target(sampleIds[r]);
    }
    return build(samples.split().dataset(), users, inputLengths, targets);
  }

  /**
   * The item that follows each input position of {@link #trainingBatch}{@code (samples,
   * sampleIds)}, row-major like its items, 0 at padding: the targets of a loss on every position.
   * The last real position's next item is the sample's target.
   */
  public int[] nextItems(TrainingSamples samples, int[] sampleIds) {
    SequenceDataset dataset = samples.split().dataset();
    int[] next = new int[sampleIds.length * maxLength];
    for (int r = 0; r < sampleIds.length; r++) {
      int user = samples.user(sampleIds[r]);
      int end = samples.inputLength(sampleIds[r]);
      int start = windowStart(end);
      for (int pos = start; pos < end; pos++) {
        next[r * maxLength + pos - start] = dataset.item(user, pos + 1);
      }
    }
    return next;
  }

  /** Input = the users' training items, target = their validation items. */
  public Batch validationBatch(LeaveOneOutSplit split, int[] users) {
    return evaluationBatch(split, users, HeldOut.VALIDATION);
  }

  /** Input = the users' training items plus validation item, target = their test items. */
  public Batch testBatch(LeaveOneOutSplit split, int[] users) {
    return evaluationBatch(split, users, HeldOut.TEST);
  }

  /** An evaluation batch for the given phase, one row per user in the given order. */
  public Batch evaluationBatch(LeaveOneOutSplit split, int[] users, HeldOut phase) {
    int[] inputLengths = new int[users.length];
    int[] targets = new int[users.length];
    for (int r = 0; r < users.length; r++) {
      inputLengths[r] = split.inputLength(users[r], phase);
      targets[r] = split.target(users[r], phase);
    }
    return build(split.dataset(), users.clone(), inputLengths, targets);
  }

  /**
   * @param inputLengths per row, the number of leading items of the user's sequence that form the
   *     input, before truncation to N
   */
  private Batch build(SequenceDataset dataset, int[] users, int[] inputLengths, int[] targets) {
    int[] items = new int[users.length * maxLength];
    int[] lengths = new int[users.length];
    for (int r = 0; r < users.length; r++) {
      int end = inputLengths[r];
      int start = windowStart(end);
      lengths[r] = end - start;
      for (int pos = start; pos < end; pos++) {
        items[r * maxLength + pos - start] = dataset.item(users[r], pos);
      }
    }
    return new Batch(maxLength, items, lengths, targets, users);
  }

  /** The first input position kept of an input of {@code end} items: the most recent N. */
  private int windowStart(int end) {
    return Math.max(0, end - maxLength);
  }
}
