package io.github.fearec.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One graded exercise: named inputs, the library's answer for each (the reference) and how to
 * compare answers. A check cell builds one and calls {@link #check} with the student's function:
 *
 * <pre>{@code
 * Exercise.of("2.1", "energy per DFT bin", DirectSpectra::energy, Comparisons.doubles(1e-9))
 *     .input("a constant signal", new double[] {2, 2, 2, 2}, "all energy sits in bin 0")
 *     .input("odd length", new double[] {1, -1, 0.5})
 *     .check(x -> energy(x));
 * }</pre>
 *
 * <p>Every input is worth one point. A student's function that throws {@link NotAttempted} makes
 * the whole exercise "not attempted"; any other exception or error it throws (a loop that overflows
 * the stack included) costs that input's point and is reported, and is never passed on: the check
 * cell must not fail, or the rest of the notebook would not run. An exception of the reference,
 * by contrast, is a bug of the check and is thrown.
 *
 * @param <I> the input type (a record for several arguments)
 * @param <O> the answer type
 */
public final class Exercise<I, O> {

  private record Case<I>(String name, I input, String hint) {}

  private final String id;
  private final String title;
  private final Function<? super I, ? extends O> reference;
  private final Comparison<O> comparison;
  private final List<Case<I>> cases = new ArrayList<>();

  private Exercise(
      String id,
      String title,
      Function<? super I, ? extends O> reference,
      Comparison<O> comparison) {
    this.id = requireText(id, "exercise id");
    this.title = requireText(title, "exercise title");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.comparison = Objects.requireNonNull(comparison, "comparison");
  }

  /**
   * @param id the exercise id, as in the notebook's cell metadata ("3.1")
   * @param title what is asked, in a few words
   * @param reference the library's answer for an input
   * @param comparison when a student's answer counts as the reference's
   */
  public static <I, O> Exercise<I, O> of(
      String id,
      String title,
      Function<? super I, ? extends O> reference,
      Comparison<O> comparison) {
    return new Exercise<>(id, title, reference, comparison);
  }

  /** Adds an input without a hint. */
  public Exercise<I, O> input(String name, I input) {
    return input(name, input, "");
  }

  /**
   * Adds an input.
   *
   * @param name how the feedback refers to it ("a constant signal"); unique within the exercise
   * @param input the argument(s) passed to both functions
   * @param hint shown when the student's answer for this input is wrong ("" for none)
   */
  public Exercise<I, O> input(String name, I input, String hint) {
    requireText(name, "input name");
    for (Case<I> c : cases) {
      if (c.name().equals(name)) {
        throw new IllegalArgumentException(
            "exercise " + id + " already has an input named '" + name + "'");
      }
    }
    cases.add(new Case<>(name, input, Objects.requireNonNull(hint, "hint")));
    return this;
  }

  /**
   * The exercise {@code id} of the course, with the reference answer and comparison that {@link
   * References} holds for it, so that a check cell shows the inputs but not how the answer is
   * computed.
   *
   * @param inputType the class of the exercise's inputs, as {@link References} registers it (a
   *     record of {@link Inputs}, or e.g. {@code double[].class})
   * @throws IllegalArgumentException for an unknown id or another input type
   */
  public static <I> Exercise<I, Object> of(String id, Class<I> inputType) {
    return References.exercise(id, inputType);
  }

  /** Runs {@link #run}, prints its report and publishes the grader's result line. */
  public CheckResult check(Function<? super I, ? extends O> student) {
    CheckResult result = run(student);
    System.out.println(result.report());
    ResultChannel.publish(result.resultLine());
    return result;
  }

  /** Runs the student's function on every input and compares with the reference; prints nothing. */
  public CheckResult run(Function<? super I, ? extends O> student) {
    if (cases.isEmpty()) {
      throw new IllegalStateException("exercise " + id + " has no inputs to check");
    }
    int points = 0;
    List<String> lines = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Case<I> c : cases) {
      // Described before either function runs, in case one of them modifies its input.
      String shownInput = Values.describe(c.input());
      O expected = referenceAnswer(c);
      O actual;
      try {
        actual = student.apply(c.input());
      } catch (NotAttempted e) {
        return notAttempted();
      } catch (Throwable e) { // whatever the student's code throws is feedback, even an Error
        String problem = "your code threw " + e.getClass().getName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage());
        lines.addAll(wrongLines(c, shownInput, problem));
        wrong.add(summary(c, problem));
        continue;
      }
      String mismatch = comparison.mismatch(expected, actual);
      if (mismatch == null) {
        points++;
        lines.add("  ok     " + c.name());
      } else {
        lines.addAll(wrongLines(c, shownInput, mismatch));
        wrong.add(summary(c, mismatch));
      }
    }
    Status status =
        points == cases.size() ? Status.PASSED : points == 0 ? Status.FAILED : Status.PARTIAL;
    String summary =
        wrong.isEmpty() ? "all " + cases.size() + " inputs correct" : String.join("; ", wrong);
    return new CheckResult(id, title, points, cases.size(), status, lines, summary);
  }

  private O referenceAnswer(Case<I> c) {
    O expected;
    try {
      expected = reference.apply(c.input());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the reference of exercise " + id + " failed on input '" + c.name()
              + "' (a bug in the check, not in your answer): " + e,
          e);
    }
    if (expected == null) {
      throw new IllegalStateException(
          "the reference of exercise " + id + " returned null for input '" + c.name() + "'");
    }
    return expected;
  }

  private CheckResult notAttempted() {
    return new CheckResult(
        id,
        title,
        0,
        cases.size(),
        Status.NOT_ATTEMPTED,
        List.of("  not attempted: replace 'throw new NotAttempted();' with your solution and run"
            + " the exercise cell, then this one"),
        "not attempted");
  }

  private static List<String> wrongLines(Case<?> c, String shownInput, String problem) {
    List<String> lines = new ArrayList<>();
    lines.add("  WRONG  " + c.name());
    lines.add("           input: " + shownInput);
    lines.add("           " + problem);
    if (!c.hint().isEmpty()) {
      lines.add("           hint: " + c.hint());
    }
    return lines;
  }

  private static String summary(Case<?> c, String problem) {
    return c.name() + ": " + problem + (c.hint().isEmpty() ? "" : " (hint: " + c.hint() + ")");
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("the " + what + " must not be empty");
    }
    return s;
  }
}
