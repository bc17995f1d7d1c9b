package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SyntheticConfigTest {

  @Test
  void documentedDefaults() {
    assertEquals(
        new SyntheticConfig(1_000, 500, new Periods(2, 7), 10, 50, 0.1, 0.5, 42),
        SyntheticConfig.DEFAULTS);
  }

  @Test
  void changesGiveNewConfigsAndLeaveTheOriginal() {
    SyntheticConfig config =
        SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_users", 30,
                "synthetic_items", 40,
                "synthetic_periods", "3-4",
                "synthetic_min_length", 7,
                "synthetic_max_length", 9,
                "synthetic_noise", 0,
                "synthetic_popularity_skew", 1.2,
                "synthetic_seed", -5));
    assertEquals(new SyntheticConfig(30, 40, new Periods(3, 4), 7, 9, 0.0, 1.2, -5), config);
    assertEquals(7, config.with("synthetic_seed", 7).seed());
    assertEquals(-5, config.seed());
    // both lengths change together: 300 alone would exceed the maximum 9 on the way
    SyntheticConfig longer =
        config.with(Map.of("synthetic_max_length", 400, "synthetic_min_length", 300));
    assertEquals(300, longer.minLength());
    assertEquals(400, longer.maxLength());
  }

  @Test
  void periodsReadAndWriteAsConfigFilesSpellThem() {
    assertEquals(new Periods(5, 5), Periods.parse("5"));
    assertEquals(new Periods(2, 7), Periods.parse(" 2-7 "));
    assertEquals("5", new Periods(5, 5).toString());
    assertEquals("2-7", new Periods(2, 7).toString());
    for (String bad : new String[] {"", "0", "4-3", "2-", "a-b", "1-2-3"}) {
      assertThrows(IllegalArgumentException.class, () -> Periods.parse(bad), bad);
    }
  }

  private static void assertRejected(String message, Executable build) {
    assertEquals(message, assertThrows(ConfigException.class, build).getMessage());
  }

  @Test
  void rejectsInconsistentValuesNamingThem() {
    assertRejected(
        "synthetic_users = 0: expected an integer >= 1",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_users", 0));
    assertRejected(
        "synthetic_periods = 4-3: expected a period P or a range MIN-MAX with 1 <= MIN <= MAX,"
            + " e.g. 5 or 2-7",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_periods", "4-3"));
    assertRejected(
        "synthetic_min_length = 9: expected at least the longest period + 3 = 10 (the held-out"
            + " items and one training target must follow a full cycle)",
        () -> SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_min_length", 9,
                "synthetic_max_length", 50)));
    assertRejected(
        "synthetic_items = 5: expected at least the longest period 7 (a motif holds distinct"
            + " items)",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_items", 5));
    assertRejected(
        "synthetic_items = 500: expected at most synthetic_users × shortest period = 200, so that"
            + " every item can occur in some motif",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_users", 100));
    assertRejected(
        "synthetic_noise = 1.5: expected a number in [0, 1]",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_noise", 1.5));
    assertRejected(
        "synthetic_popularity_skew = -1.0: expected a number >= 0",
        () -> SyntheticConfig.DEFAULTS.with("synthetic_popularity_skew", -1));
    assertRejected(
        "synthetic_max_length = 20: expected at least synthetic_min_length = 30",
        () -> SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_min_length", 30,
                "synthetic_max_length", 20)));
  }
}
