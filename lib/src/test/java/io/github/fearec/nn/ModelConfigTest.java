package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.ConfigException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelConfigTest {

  @Test
  void defaultsAreThePapersBeautySettings() {
    ModelConfig c = ModelConfig.defaults();
    assertEquals(50, c.maxLength());
    assertEquals(64, c.hiddenSize());
    assertEquals(2, c.numLayers());
    assertEquals(2, c.numHeads());
    assertEquals(256, c.innerSize());
    assertEquals(0.6, c.globalRatio());
    assertEquals(0.1, c.timeWeight());
    assertEquals(3, c.topK(), "k = floor(ln 50) = 3");
    assertEquals(32, c.headSize());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("num_layers", Map.of("num_layers", 0)),
        bad("inner_size", Map.of("inner_size", 0)),
        bad("num_heads", Map.of("num_heads", 3)), // 64 is not a multiple of 3
        bad("hidden_dropout", Map.of("hidden_dropout", 1)), // [0, 1)
        bad("time_weight", Map.of("spatial_ratio", 1.5)), // the old name is the same key
        bad("inference_lags", Map.of("inference_lags", "mean"))); // sample or batch
  }

  /** Settings only FEARec's frequency layers cannot use: the lags and the bands. */
  static Stream<Arguments> invalidForFrequencyLayers() {
    return Stream.of(
        bad("topk_factor", Map.of("topk_factor", 0.1)), // k = floor(0.1·ln 50) = 0
        bad("topk_factor", Map.of("topk_factor", 20)), // k = 78 > N
        bad("topk_factor", Map.of("max_length", 2)), // k = floor(ln 2) = 0
        bad(
            "layer 2 would keep no frequency bin",
            Map.of("max_length", 2, "num_layers", 3, "global_ratio", 0.2, "topk_factor", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidForFrequencyLayers")
  void frequencySettingsAreCheckedForFearecOnly(
      String key, Map<String, ?> change) {
    ModelConfig config = ModelConfig.defaults().with(change); // valid for SASRec
    ConfigException e = assertThrows(ConfigException.class, config::requireFrequencyLayers);
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertThrows(
        ConfigException.class,
        () -> NextItemModel.create(ModelType.FEAREC, config, 10, null),
        "building FEARec checks them too");
    try (NextItemModel sasrec = NextItemModel.create(ModelType.SASREC, config, 10, null)) {
      assertEquals(config.maxLength(), sasrec.config().maxLength());
    }
  }

  private static Arguments bad(String key, Map<String, ?> change) {
    return Arguments.of(key, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidValuesAreRejectedNamingTheKey(String key, Map<String, ?> change) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ModelConfig.defaults().with(change));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("use fewer"), e.getMessage());
  }
}
