package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.fearec.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the parameter names, their order and shapes. DJL derives the names from the block tree
 * ({@code addChildBlock} names, numbered in the order the children are added), and saved models
 * and training checkpoints hold the parameters in that order, so renaming a block, reordering
 * its children or adding one would make every saved model and checkpoint unreadable. Both models share one tree; only
 * the attention's context differs, and it has no parameters of its own.
 */
class ParameterNamesTest {

  private static final List<String> EXPECTED =
      List.of(
          "01embedding_items (11, 8)",
          "01embedding_positions (8, 8)",
          "01embedding_01norm_gamma (8)",
          "01embedding_01norm_beta (8)",
          "02layer0_01attention_01query_weight (8, 8)",
          "02layer0_01attention_01query_bias (8)",
          "02layer0_01attention_02key_weight (8, 8)",
          "02layer0_01attention_02key_bias (8)",
          "02layer0_01attention_03value_weight (8, 8)",
          "02layer0_01attention_03value_bias (8)",
          "02layer0_01attention_04output_01dense_weight (8, 8)",
          "02layer0_01attention_04output_01dense_bias (8)",
          "02layer0_01attention_04output_02norm_gamma (8)",
          "02layer0_01attention_04output_02norm_beta (8)",
          "02layer0_02ffn_01expand_weight (16, 8)",
          "02layer0_02ffn_01expand_bias (16)",
          "02layer0_02ffn_02project_01dense_weight (8, 16)",
          "02layer0_02ffn_02project_01dense_bias (8)",
          "02layer0_02ffn_02project_02norm_gamma (8)",
          "02layer0_02ffn_02project_02norm_beta (8)",
          "03layer1_01attention_01query_weight (8, 8)",
          "03layer1_01attention_01query_bias (8)",
          "03layer1_01attention_02key_weight (8, 8)",
          "03layer1_01attention_02key_bias (8)",
          "03layer1_01attention_03value_weight (8, 8)",
          "03layer1_01attention_03value_bias (8)",
          "03layer1_01attention_04output_01dense_weight (8, 8)",
          "03layer1_01attention_04output_01dense_bias (8)",
          "03layer1_01attention_04output_02norm_gamma (8)",
          "03layer1_01attention_04output_02norm_beta (8)",
          "03layer1_02ffn_01expand_weight (16, 8)",
          "03layer1_02ffn_01expand_bias (16)",
          "03layer1_02ffn_02project_01dense_weight (8, 16)",
          "03layer1_02ffn_02project_01dense_bias (8)",
          "03layer1_02ffn_02project_02norm_gamma (8)",
          "03layer1_02ffn_02project_02norm_beta (8)");

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void namesOrderAndShapesStayAsSavedModelsExpectThem(ModelType type) {
    ModelConfig config = TinyModels.CONFIG;
    try (NextItemModel model = NextItemModel.create(type, config, 10, null)) {
      List<String> actual = new ArrayList<>();
      for (Pair<String, Parameter> p : model.encoder().getParameters()) {
        actual.add(p.getKey() + " " + p.getValue().getArray().getShape());
      }
      assertEquals(EXPECTED, actual);
    }
  }
}
