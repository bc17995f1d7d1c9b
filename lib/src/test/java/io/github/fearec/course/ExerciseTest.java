package io.github.fearec.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseTest {

  /** Squares with the reference x·x: three inputs, one with a hint. */
  private static Exercise<Integer, Integer> squares() {
    return Exercise.of("9.1", "square a number", (Integer x) -> x * x, Comparisons.<Integer>equal())
        .input("zero", 0)
        .input("three", 3)
        .input("minus two", -2, "a square is never negative");
  }

  @Test
  void aCorrectAnswerGetsEveryPoint() {
    CheckResult r = squares().run(x -> x * x);
    assertEquals(3, r.points());
    assertEquals(3, r.maxPoints());
    assertEquals(Status.PASSED, r.status());
    assertEquals("all 3 inputs correct", r.summary());
    assertEquals(List.of("  ok     zero", "  ok     three", "  ok     minus two"), r.feedback());
  }

  @Test
  void aWrongAnswerNamesTheInputTheExpectedAndTheActualValueAndTheHint() {
    // x·|x| agrees with x² for 0 and 3 only.
    CheckResult r = squares().run(x -> x * Math.abs(x));
    assertEquals(2, r.points());
    assertEquals(Status.PARTIAL, r.status());
    assertEquals(
        List.of(
            "  ok     zero",
            "  ok     three",
            "  WRONG  minus two",
            "           input: -2",
            "           expected 4, got -4",
            "           hint: a square is never negative"),
        r.feedback());
    assertEquals("minus two: expected 4, got -4 (hint: a square is never negative)", r.summary());
  }

  @Test
  void noCorrectInputIsFailed() {
    CheckResult r = squares().run(x -> 7);
    assertEquals(0, r.points());
    assertEquals(Status.FAILED, r.status());
  }

  @Test
  void theStubIsNotAttemptedWithZeroPoints() {
    CheckResult r =
        squares()
            .run(
                x -> {
                  throw new NotAttempted();
                });
    assertEquals(0, r.points());
    assertEquals(3, r.maxPoints());
    assertEquals(Status.NOT_ATTEMPTED, r.status());
    assertEquals("not attempted", r.summary());
    assertTrue(r.report().startsWith("Exercise 9.1 (square a number): not attempted (0 of 3"));
  }

  @Test
  void whatTheStudentsCodeThrowsIsFeedbackAndCostsOnlyThatInput() {
    CheckResult r =
        squares()
            .run(
                x -> {
                  if (x == 3) {
                    throw new ArithmeticException("/ by zero");
                  }
                  if (x < 0) {
                    throw new StackOverflowError();
                  }
                  return 0;
                });
    assertEquals(1, r.points());
    assertEquals(
        "three: your code threw java.lang.ArithmeticException: / by zero; minus two: your code"
            + " threw java.lang.StackOverflowError (hint: a square is never negative)",
        r.summary());
  }

  @Test
  void nullIsAWrongAnswer() {
    CheckResult r = squares().run(x -> null);
    assertEquals(0, r.points());
    assertTrue(r.summary().startsWith("zero: expected 0, got null"), r.summary());
  }

  @Test
  void checkPrintsTheReportAndOneParseableResultLine() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      squares().check(x -> x * Math.abs(x));
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("Exercise 9.1 (square a number): 2 of 3 points", lines[0]);
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith(CheckResult.PREFIX), last);
    JsonObject json = JsonParser.parseString(last.substring(CheckResult.PREFIX.length()))
        .getAsJsonObject();
    assertEquals("9.1", json.get("exercise").getAsString());
    assertEquals(2, json.get("points").getAsInt());
    assertEquals(3, json.get("max_points").getAsInt());
    assertEquals("partial", json.get("status").getAsString());
    assertEquals(
        "minus two: expected 4, got -4 (hint: a square is never negative)",
        json.get("feedback").getAsString());
  }

  @Test
  void theStudentSeesTheInputAsItWasBeforeTheirCodeChangedIt() {
    Exercise<int[], Integer> first =
        Exercise.of("9.2", "first element", (int[] a) -> a[0], Comparisons.<Integer>equal())
            .input("two elements", new int[] {5, 6});
    CheckResult r =
        first.run(
            a -> {
              a[0] = 9;
              return -1;
            });
    assertEquals("           input: [5, 6]", r.feedback().get(1));
  }

  @Test
  void aFailingReferenceIsABugOfTheCheckAndIsThrown() {
    Exercise<Integer, Integer> broken =
        Exercise.of("9.3", "inverse", (Integer x) -> 1 / x, Comparisons.<Integer>equal())
            .input("zero", 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.run(x -> 0));
    assertTrue(e.getMessage().contains("the reference of exercise 9.3 failed on input 'zero'"));
  }

  @Test
  void badDefinitionsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> squares().input("zero", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Exercise.of(" ", "t", (Integer x) -> x, Comparisons.<Integer>equal()));
    Exercise<Integer, Integer> empty =
        Exercise.of("9.4", "nothing", (Integer x) -> x, Comparisons.<Integer>equal());
    assertThrows(IllegalStateException.class, () -> empty.run(x -> x));
  }
}
