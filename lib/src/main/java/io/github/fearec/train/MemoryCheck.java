package io.github.fearec.train;

import ai.djl.Device;
import io.github.fearec.ConfigException;
import io.github.fearec.nn.MachineMemory;
import io.github.fearec.nn.MemoryEstimate;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Refuses a training run or an evaluation whose arrays cannot fit in the memory this machine has
 * now ({@link MachineMemory}), before anything is allocated, with a message that says which
 * settings would fit. The estimate is {@link MemoryEstimate}'s rule:
 *
 * <ul>
 *   <li>training: {@link MemoryEstimate#BASELINE}, the weights 4 times (weights, gradients,
 *       Adam's moments), and the larger of a training step (one forward pass, 1.25 when us_x
 *       recomputes its dropout view, 2 when two views are kept alive, plus the scores over all
 *       items) and an evaluation batch (one pass over eval_batch_size users and their scores);
 *       the host keeps 5 copies of the weights (the best epoch's and a checkpoint's four arrays)
 *       in the Java heap, which must fit there too;
 *   <li>evaluation: the baseline, the weights once and an evaluation batch.
 * </ul>
 *
 * On a GPU only the Java-array limit is checked: the arrays live in the GPU's memory, which this
 * check does not read.
 */
public final class MemoryCheck {

  private MemoryCheck() {}

  /** What training needs, by the rule of the class comment. */
  public static MemoryEstimate training(
      ModelType type, ModelConfig c, TrainConfig t, int evalBatch, int numItems, Device device) {
    double weights = MemoryEstimate.parameterCount(c, numItems) * Float.BYTES;
    double passes = t.contrastive() == ContrastiveMode.NONE ? 1
        : t.recomputesDropoutView(c, t.batchSize()) ? 1.25 : 2;
    MemoryEstimate step =
        new MemoryEstimate()
            .add(MemoryEstimate.pass(type, c, t.batchSize(), device), passes)
            .add("scores over all items (B, |I|)", MemoryEstimate.scores(t.batchSize(), numItems));
    MemoryEstimate evaluation = evaluationBatch(type, c, evalBatch, numItems, device);
    return new MemoryEstimate()
        .add("the JVM and libtorch", MemoryEstimate.BASELINE)
        .add("weights, gradients and Adam's moments", 4 * weights)
        .add("host copies of the weights", 5 * weights)
        .add(step.total() >= evaluation.total() ? step : evaluation, 1);
  }

  /** What evaluating a saved model needs. */
  public static MemoryEstimate evaluation(
      ModelType type, ModelConfig c, int evalBatch, int numItems, Device device) {
    return new MemoryEstimate()
        .add("the JVM and libtorch", MemoryEstimate.BASELINE)
        .add("weights", MemoryEstimate.parameterCount(c, numItems) * Float.BYTES)
        .add(evaluationBatch(type, c, evalBatch, numItems, device), 1);
  }

  private static MemoryEstimate evaluationBatch(
      ModelType type, ModelConfig c, int evalBatch, int numItems, Device device) {
    return new MemoryEstimate()
        .add(MemoryEstimate.pass(type, c, evalBatch, device), 1)
        .add("scores of an evaluation batch (eval_batch_size, |I|)",
            MemoryEstimate.scores(evalBatch, numItems));
  }

  /**
   * Refuses training that cannot fit, naming the settings, the largest shares and the largest
   * batch_size, max_length, eval_batch_size or hidden_size that would fit with the others kept.
   *
   * @param numItems the item count, or 0 when it is not known yet (the data not read)
   * @throws ConfigException when it does not fit
   */
  public static void requireTraining(
      ModelType type, ModelConfig c, TrainConfig t, int evalBatch, int numItems, Device device) {
    MemoryEstimate.requireArraysFit(c, numItems);
    if (!MachineMemory.checked() || onGpu(device)) {
      return;
    }
    long available = MachineMemory.available();
    MemoryEstimate need = training(type, c, t, evalBatch, numItems, device);
    double heap = 5 * MemoryEstimate.parameterCount(c, numItems) * Float.BYTES;
    long heapRoom = MachineMemory.heapHeadroom();
    if (need.total() <= available && heap <= heapRoom) {
      return;
    }
    String what = "training " + type.id() + " with " + MemoryEstimate.settings(c, numItems)
        + ", batch_size = " + t.batchSize() + ", eval_batch_size = " + evalBatch;
    if (need.total() > available) {
      List<String> fits = new ArrayList<>();
      fit(fits, "batch_size", t.batchSize(), 1,
          b -> training(type, c, t.with("batch_size", b), evalBatch, numItems, device), available);
      fit(fits, "max_length", c.maxLength(), 2,
          n -> training(type, c.with("max_length", n), t, evalBatch, numItems, device), available);
      fit(fits, "eval_batch_size", evalBatch, 1,
          e -> training(type, c, t, e, numItems, device), available);
      fitHidden(fits, c,
          d -> training(type, c.with("hidden_size", d), t, evalBatch, numItems, device), available);
      fit(fits, "inner_size", c.innerSize(), 1,
          f -> training(type, c.with("inner_size", f), t, evalBatch, numItems, device), available);
      fit(fits, "num_layers", c.numLayers(), 1,
          l -> training(type, c.with("num_layers", l), t, evalBatch, numItems, device), available);
      throw refusal(what, need, available, fits);
    }
    throw new ConfigException(
        what + ": the host copies of the weights (the best epoch's and a checkpoint's) need about "
            + MemoryEstimate.bytes(heap) + " of Java heap, more than the "
            + MemoryEstimate.bytes(heapRoom) + " this JVM may still use; expected a larger heap"
            + " (FEAREC_JAVA_OPTS=-Xmx...) or a smaller hidden_size");
  }

  /** Refuses an evaluation that cannot fit; see {@link #requireTraining}. */
  public static void requireEvaluation(
      ModelType type, ModelConfig c, int evalBatch, int numItems, Device device) {
    MemoryEstimate.requireArraysFit(c, numItems);
    if (!MachineMemory.checked() || onGpu(device)) {
      return;
    }
    long available = MachineMemory.available();
    MemoryEstimate need = evaluation(type, c, evalBatch, numItems, device);
    if (need.total() <= available) {
      return;
    }
    List<String> fits = new ArrayList<>();
    fit(fits, "eval_batch_size", evalBatch, 1,
        e -> evaluation(type, c, e, numItems, device), available);
    throw refusal(
        "evaluating " + type.id() + " with " + MemoryEstimate.settings(c, numItems)
            + ", eval_batch_size = " + evalBatch,
        need, available, fits);
  }

  /**
   * On a GPU the arrays live in the GPU's memory, which this check does not read (the kit has no
   * GPU to measure it on): only the array-size limit applies there.
   */
  private static boolean onGpu(Device device) {
    return device != null && !Device.Type.CPU.equals(device.getDeviceType());
  }

  private static ConfigException refusal(
      String what, MemoryEstimate need, long available, List<String> fits) {
    return new ConfigException(
        what + ": needs about " + MemoryEstimate.bytes(need.total()) + " of memory ("
            + need.largest(2) + "), more than the " + MemoryEstimate.bytes(available)
            + " this machine has available; expected settings that fit, "
            + (fits.isEmpty() ? "which no single one of the sizes above gives"
                : "e.g. " + String.join(" or ", fits))
            + " (" + MemoryEstimate.SKIP_HINT + ")");
  }

  /**
   * Adds "key <= v" with v the largest value below {@code current} (and at least {@code min})
   * whose estimate fits; nothing when even {@code min} does not. The estimate grows with each of
   * these settings, so a bisection finds it.
   */
  private static void fit(List<String> fits, String key, int current, int min,
      IntFunction<MemoryEstimate> estimate, long available) {
    if (current <= min || estimate.apply(min).total() > available) {
      return;
    }
    int low = min; // fits
    int high = current; // does not
    while (high - low > 1) {
      int mid = low + (high - low) / 2;
      if (estimate.apply(mid).total() <= available) {
        low = mid;
      } else {
        high = mid;
      }
    }
    fits.add(key + " <= " + low);
  }

  /** hidden_size must stay a multiple of num_heads: searched in units of num_heads. */
  private static void fitHidden(List<String> fits, ModelConfig c,
      IntFunction<MemoryEstimate> estimate, long available) {
    int h = c.numHeads();
    List<String> units = new ArrayList<>();
    fit(units, "hidden_size", c.hiddenSize() / h, 1, u -> estimate.apply(u * h), available);
    if (!units.isEmpty()) {
      int u = Integer.parseInt(units.get(0).substring("hidden_size <= ".length()));
      fits.add("hidden_size <= " + u * h);
    }
  }
}
