package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.FearecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SyntheticConfigTest {

  @Test
  void documentedDefaults() {
    assertEquals(
        new SyntheticConfig(1_000, 500, 2, 7, 10, 50, 0.1, 0.5, 42), SyntheticConfig.DEFAULTS);
    assertEquals(SyntheticConfig.DEFAULTS, SyntheticConfig.builder().build());
  }

  @Test
  void toBuilderRoundTrips() {
    SyntheticConfig config =
        SyntheticConfig.builder()
            .numUsers(30)
            .numItems(40)
            .periods(3, 4)
            .lengths(7, 9)
            .noise(0)
            .popularitySkew(1.2)
            .seed(-5)
            .build();
    assertEquals(config, config.toBuilder().build());
    assertEquals(7, config.toBuilder().seed(7).build().seed());
    SyntheticConfig longer = config.toBuilder().maxLength(400).minLength(300).build();
    assertEquals(300, longer.minLength());
    assertEquals(400, longer.maxLength());
  }

  private static void assertRejected(String message, Executable build) {
    assertEquals(message, assertThrows(FearecException.class, build).getMessage());
  }

  @Test
  void rejectsInconsistentValuesNamingThem() {
    assertRejected(
        "synthetic dataset: numUsers = 0; expected at least 1",
        () -> SyntheticConfig.builder().numUsers(0).build());
    assertRejected(
        "synthetic dataset: maxPeriod = 3; expected at least minPeriod = 4",
        () -> SyntheticConfig.builder().periods(4, 3).build());
    assertRejected(
        "synthetic dataset: minLength = 9; expected at least maxPeriod + 3 = 10 (the held-out"
            + " items and one training target must follow a full cycle)",
        () -> SyntheticConfig.builder().lengths(9, 50).build());
    assertRejected(
        "synthetic dataset: numItems = 5; expected at least maxPeriod = 7 (a motif holds distinct"
            + " items)",
        () -> SyntheticConfig.builder().numItems(5).build());
    assertRejected(
        "synthetic dataset: numItems = 500 with numUsers * minPeriod = 200; expected numItems <="
            + " numUsers * minPeriod, so that every item can occur in some motif",
        () -> SyntheticConfig.builder().numUsers(100).build());
    assertRejected(
        "synthetic dataset: noise = 1.5; expected a probability in [0, 1]",
        () -> SyntheticConfig.builder().noise(1.5).build());
    assertRejected(
        "synthetic dataset: popularitySkew = -1.0; expected a finite exponent >= 0",
        () -> SyntheticConfig.builder().popularitySkew(-1).build());
    assertRejected(
        "synthetic dataset: maxLength = 20; expected at least minLength = 30",
        () -> SyntheticConfig.builder().lengths(30, 20).build());
  }
}
