package io.github.fearec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema read from {@link Setting} declarations, on a record made for the test. */
class ConfigSchemaTest {

  enum Shape implements Choice {
    ROUND,
    SQUARE_ISH;

    @Override
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  record Sample(
      @Setting(key = "count", init = "3", min = 1, scope = Scope.ALWAYS, doc = "how many")
      int count,
      @Setting(key = "ratio", aliases = "old_ratio", init = "0.5", min = 0, max = 1,
          maxExcluded = true, scope = Scope.NEURAL, doc = "a share")
      double ratio,
      @Setting(key = "big", init = "-7", scope = Scope.ALWAYS, doc = "a long")
      long big,
      @Setting(key = "on", init = "yes", scope = Scope.ALWAYS, doc = "a switch")
      boolean on,
      @Setting(key = "metric", init = "hr@10", oneOf = {"NDCG@10", "HR@10"},
          scope = Scope.ALWAYS, doc = "a metric")
      String metric,
      @Setting(key = "shape", init = "round", scope = Scope.FEAREC, doc = "a choice")
      Shape shape) {

    Sample {
      if (count > 2 && !on) {
        throw new ConfigException("count = " + count + ": expected at most 2 with on = false");
      }
    }
  }

  private static final ConfigSchema<Sample> SCHEMA = ConfigSchema.of(Sample.class);

  @Test
  void defaultsAreParsedFromTheDeclaredText() {
    assertEquals(new Sample(3, 0.5, -7, true, "HR@10", Shape.ROUND), SCHEMA.defaults());
  }

  @Test
  void keysKeepTheComponentOrderAndTheirDeclarations() {
    assertEquals(List.of("count", "ratio", "big", "on", "metric", "shape"),
        SCHEMA.keys().stream().map(ConfigSchema.Key::name).toList());
    ConfigSchema.Key ratio = SCHEMA.key("ratio");
    assertSame(ratio, SCHEMA.key("old_ratio"));
    assertEquals("a share (also accepted as old_ratio)", ratio.doc());
    assertEquals(Scope.NEURAL, ratio.scope());
    assertEquals("a number in [0, 1)", ratio.expected());
    assertEquals("an integer >= 1", SCHEMA.key("count").expected());
    assertEquals("an integer", SCHEMA.key("big").expected());
    assertEquals("true or false", SCHEMA.key("on").expected());
    assertEquals("NDCG@10 or HR@10", SCHEMA.key("metric").expected());
    assertEquals("round or square_ish", SCHEMA.key("shape").expected());
  }

  @Test
  void textAndTypedValuesGiveTheSameRecord() {
    Sample fromText = SCHEMA.with(SCHEMA.defaults(), Map.of(
        "count", " 2 ", "old_ratio", "0.25", "big", "12345678901", "on", "off",
        "metric", "ndcg@10", "shape", "SQUARE_ISH"));
    Sample typed = SCHEMA.with(SCHEMA.defaults(), Map.of(
        "count", 2, "ratio", 0.25, "big", 12345678901L, "on", false,
        "metric", "NDCG@10", "shape", Shape.SQUARE_ISH));
    assertEquals(new Sample(2, 0.25, 12345678901L, false, "NDCG@10", Shape.SQUARE_ISH), typed);
    assertEquals(typed, fromText);
    assertEquals(0.0, SCHEMA.with(typed, Map.of("ratio", 0)).ratio(), "an int for a double");
    assertEquals(5L, SCHEMA.with(typed, Map.of("big", 5)).big(), "an int for a long");
  }

  @Test
  void printedValuesParseBackToThemselves() {
    Sample s = new Sample(2, 0.125, -3, false, "NDCG@10", Shape.SQUARE_ISH);
    ConfigSchema<Sample>.Staged staged = SCHEMA.stage(SCHEMA.defaults());
    for (ConfigSchema.Key key : SCHEMA.keys()) {
      staged.set(key.name(), SCHEMA.text(s, key));
    }
    assertEquals(s, staged.build());
    assertEquals("square_ish", SCHEMA.text(s, SCHEMA.key("shape")));
  }

  @Test
  void changesAreCheckedTogetherNotOneByOne() {
    // on = false alone contradicts count = 3; with count = 2 in the same change it does not
    assertEquals(2, SCHEMA.with(SCHEMA.defaults(), Map.of("on", false, "count", 2)).count());
    assertEquals("count = 3: expected at most 2 with on = false",
        assertThrows(ConfigException.class,
            () -> SCHEMA.with(SCHEMA.defaults(), Map.of("on", false))).getMessage());
  }

  @Test
  void invalidValuesNameTheKeyTheValueAndWhatIsExpected() {
    assertRejected("count = 0: expected an integer >= 1", Map.of("count", 0));
    assertRejected("count = x: expected an integer >= 1", Map.of("count", "x"));
    assertRejected("count = 3000000000: expected an integer >= 1", Map.of("count", 3000000000L));
    assertRejected("count = 1.5: expected an integer >= 1", Map.of("count", 1.5));
    assertRejected("ratio = 1.0: expected a number in [0, 1)", Map.of("ratio", 1));
    assertRejected("ratio = NaN: expected a number in [0, 1)", Map.of("old_ratio", "NaN"));
    assertRejected("big = Infinity: expected an integer", Map.of("big", "Infinity"));
    assertRejected("on = maybe: expected true or false", Map.of("on", "maybe"));
    assertRejected("on = 1: expected true or false", Map.of("on", 1));
    assertRejected("metric = MRR: expected NDCG@10 or HR@10", Map.of("metric", "MRR"));
    assertRejected("shape = oval: expected round or square_ish", Map.of("shape", "oval"));
    assertRejected(
        "unknown key 'colour' for Sample; expected one of [count, ratio, big, on, metric, shape]",
        Map.of("colour", "red"));
  }

  @Test
  void validateChecksARecordBuiltWithoutTheSchema() {
    Sample ok = new Sample(1, 0.0, 0, true, "NDCG@10", Shape.ROUND);
    assertSame(ok, SCHEMA.validate(ok));
    assertEquals("ratio = 2.0: expected a number in [0, 1)",
        assertThrows(ConfigException.class,
            () -> SCHEMA.validate(new Sample(1, 2.0, 0, true, "NDCG@10", Shape.ROUND)))
            .getMessage());
    assertEquals("metric = mrr: expected NDCG@10 or HR@10",
        assertThrows(ConfigException.class,
            () -> SCHEMA.validate(new Sample(1, 0.5, 0, true, "mrr", Shape.ROUND))).getMessage());
    assertEquals("shape = nothing: expected round or square_ish",
        assertThrows(ConfigException.class,
            () -> SCHEMA.validate(new Sample(1, 0.5, 0, true, "HR@10", null))).getMessage());
  }

  @Test
  void choicesParseByIdIgnoringCase() {
    assertEquals(List.of("round", "square_ish"), Choice.ids(Shape.class));
    assertSame(Shape.SQUARE_ISH, Choice.parse(Shape.class, " Square_Ish "));
    assertEquals("round or square_ish",
        assertThrows(IllegalArgumentException.class, () -> Choice.parse(Shape.class, "oval"))
            .getMessage());
  }

  record Undeclared(int plain) {}

  record Twice(
      @Setting(key = "a", init = "1", scope = Scope.ALWAYS, doc = "first") int a,
      @Setting(key = "b", aliases = "a", init = "1", scope = Scope.ALWAYS, doc = "second")
      int b) {}

  record BadDefault(
      @Setting(key = "n", init = "0", min = 1, scope = Scope.ALWAYS, doc = "n") int n) {}

  @Test
  void declarationMistakesFailWhenTheSchemaIsRead() {
    assertTrue(assertThrows(IllegalStateException.class, () -> ConfigSchema.of(Undeclared.class))
        .getMessage().endsWith("Undeclared.plain lacks @Setting"));
    assertTrue(assertThrows(IllegalStateException.class, () -> ConfigSchema.of(Twice.class))
        .getMessage().endsWith("key a declared twice"));
    assertEquals("n = 0: expected an integer >= 1",
        assertThrows(ConfigException.class, () -> ConfigSchema.of(BadDefault.class))
            .getMessage());
  }

  private static void assertRejected(String message, Map<String, ?> change) {
    assertEquals(message,
        assertThrows(ConfigException.class, () -> SCHEMA.with(SCHEMA.defaults(), change))
            .getMessage());
  }
}
