package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.fearec.ConfigException;
import io.github.fearec.nn.MachineMemory;
import io.github.fearec.nn.MemoryEstimate;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.FrequencyBand;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory rule of issue #28 ({@link MemoryEstimate}, {@link MemoryCheck}) against what was
 * measured, and the set-up that must stay fast whatever N is.
 */
class MemoryCheckTest {

  /**
   * The peak resident memory of a training step measured in docs/benchmarks.md ("The sweep over
   * N": synthetic data of 500 items, batch 256, the paper's other settings; FEARec's dropout view
   * recomputed from N = 182 on by default, or kept): the estimate must not fall below a
   * measurement (it would let an out-of-memory run start) nor exceed it by more than a third (it
   * would refuse runs that fit).
   */
  @ParameterizedTest(name = "{0} N = {1} ({3}): measured {2} MiB")
  @CsvSource({
    "sasrec, 50, 499, auto", "sasrec, 100, 768, auto", "sasrec, 200, 1692, auto",
    "sasrec, 400, 3929, auto",
    "fearec, 50, 786, auto", "fearec, 100, 1641, auto", "fearec, 200, 2347, auto",
    "fearec, 400, 5343, auto", "fearec, 200, 3234, never", "fearec, 400, 7645, never"
  })
  void estimateLiesJustAboveTheMeasuredPeak(String model, int n, double measuredMib,
      String recompute) {
    ModelType type = model.equals("fearec") ? ModelType.FEAREC : ModelType.SASREC;
    TrainConfig training = TrainConfig.defaults(type).with("recompute_view", recompute);
    double estimate =
        MemoryCheck.training(type, ModelConfig.defaults().with("max_length", n), training, 256,
            500, null).total() / (1 << 20);
    double ratio = estimate / measuredMib;
    assertTrue(ratio >= 1.0 && ratio <= 1.34,
        String.format("estimate %.0f MiB is %.2f× the measured %.0f MiB", estimate, ratio,
            measuredMib));
  }

  @Test
  void sizesAreComputedWithoutOverflow() {
    ModelConfig huge = ModelConfig.defaults().with(Map.of(
        "max_length", Integer.MAX_VALUE, "hidden_size", Integer.MAX_VALUE - 1));
    double bytes = MemoryEstimate.pass(ModelType.FEAREC, huge, Integer.MAX_VALUE, null).total();
    assertTrue(bytes > 1e29 && Double.isFinite(bytes), "" + bytes);
    assertEquals("1.5 TB", MemoryEstimate.bytes(1.5e12));
    assertEquals("512 bytes", MemoryEstimate.bytes(512));
    assertEquals("4.3e+40 bytes", MemoryEstimate.bytes(4.3e40));
  }

  /** On a GPU the host's memory says nothing: only the Java-array limit is checked there. */
  @Test
  void onAGpuOnlyTheArrayLimitIsChecked() {
    ModelConfig big = ModelConfig.defaults().with("max_length", 100_000);
    TrainConfig training = TrainConfig.defaults(ModelType.FEAREC);
    System.setProperty(MachineMemory.AVAILABLE_PROPERTY, "1000000000");
    try {
      assertThrows(ConfigException.class,
          () -> MemoryCheck.requireTraining(ModelType.FEAREC, big, training, 256, 500, null));
      MemoryCheck.requireTraining(ModelType.FEAREC, big, training, 256, 500, Device.gpu(0));
      assertThrows(ConfigException.class,
          () -> MemoryCheck.requireTraining(ModelType.SASREC,
              ModelConfig.defaults().with("hidden_size", 2_000_000_000), training, 256, 500,
              Device.gpu(0)));
    } finally {
      System.clearProperty(MachineMemory.AVAILABLE_PROPERTY);
    }
  }

  /**
   * A band filter's set-up used to compute its N×N projection in O(N²) plain Java whatever the
   * route, so max_length = 100000 hung there; the paper route never needs it, and a model that
   * long is set up in a moment (training it is what the memory check refuses).
   */
  @Test
  void setUpIsFastAtAnyLength() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      new BandFilter(new FrequencyBand(3, 7), 1_000_000);
      ModelConfig longSequences = ModelConfig.defaults().with(Map.of(
          "max_length", 200_000, "hidden_size", 4, "inner_size", 4, "num_heads", 1));
      try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, longSequences, 20, null)) {
        assertEquals(200_000, model.config().maxLength());
      }
    });
  }
}
