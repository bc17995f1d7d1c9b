package io.github.fearec.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FrequencyRampTest {

  /**
   * Each row: N, L, γ, expected mode, then the bands "left-right" worked out by hand from
   * docs/model.md §3 (M = N/2 + 1; global: s = floor(M(1−γ)/(L−1)); local: w = 1/L, s = M/L).
   */
  @ParameterizedTest(name = "N={0} L={1} γ={2}")
  @CsvSource(
      delimiter = ';',
      value = {
        // M=26, global, s=floor(10.4)=10: [int(10.4), 26), [int(0.4), 16)
        "50; 2; 0.6; global; 10-26 0-16",
        // γ = 1/L is not > 1/L: local, w=0.5, s=13
        "50; 2; 0.5; local; 13-26 0-13",
        // L=1: local whatever γ, the single layer keeps all bins
        "50; 1; 0.6; local; 0-26",
        "50; 1; 1.0; local; 0-26",
        // M=26, global, s=floor(10.4/2)=5: [10,26), [int(5.4),21), [int(0.4),16)
        "50; 3; 0.6; global; 10-26 5-21 0-16",
        // local, w=0.25, s=6.5: [int(19.5),26), [13,int(19.5)), [int(6.5),13), [0,int(6.5))
        "50; 4; 0.2; local; 19-26 13-19 6-13 0-6",
        // odd N: M = 21/2+1 = 11, global, s=floor(3.3)=3: [3,11), [0,8)
        "21; 2; 0.7; global; 3-11 0-8",
        // γ = 1: global for L=2, s = 0, both layers keep everything
        "50; 2; 1.0; global; 0-26 0-26",
      })
  void bandsFollowTheRampFormula(int n, int layers, double gamma, String mode, String bands) {
    FrequencyRamp ramp = FrequencyRamp.of(n, layers, gamma);
    assertEquals(mode.equals("global"), ramp.isGlobal());
    assertEquals(n / 2 + 1, ramp.spectrumLength());
    String[] expected = bands.trim().split(" ");
    assertEquals(expected.length, ramp.numLayers());
    for (int l = 0; l < layers; l++) {
      String[] lr = expected[l].split("-");
      assertEquals(
          new FrequencyBand(Integer.parseInt(lr[0]), Integer.parseInt(lr[1])), ramp.band(l),
          "layer " + l);
    }
  }

  @Test
  void deeperLayersSlideTowardsLowFrequencies() {
    List<FrequencyBand> bands = FrequencyRamp.of(100, 4, 0.7).bands();
    for (int l = 1; l < bands.size(); l++) {
      assertTrue(bands.get(l).left() <= bands.get(l - 1).left());
      assertTrue(bands.get(l).right() <= bands.get(l - 1).right());
    }
    assertEquals(51, bands.get(0).right(), "layer 0 reaches the highest bin");
  }

  @Test
  void maskMarksExactlyTheBand() {
    float[] mask = new FrequencyBand(2, 5).mask(7);
    assertEquals(List.of(0f, 0f, 1f, 1f, 1f, 0f, 0f), toList(mask));
  }

  @Test
  void aLayerWithoutBinsIsRejectedWithAnExplanation() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FrequencyRamp.of(2, 3, 0.2));
    assertTrue(e.getMessage().contains("layer 2 would keep no frequency bin"), e.getMessage());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> FrequencyRamp.of(1, 2, 0.5));
    assertThrows(IllegalArgumentException.class, () -> FrequencyRamp.of(50, 0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> FrequencyRamp.of(50, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> FrequencyRamp.of(50, 2, 1.2));
  }

  private static List<Float> toList(float[] a) {
    Float[] boxed = new Float[a.length];
    for (int i = 0; i < a.length; i++) {
      boxed[i] = a[i];
    }
    return List.of(boxed);
  }
}
