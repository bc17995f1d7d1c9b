package io.github.fearec.course;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The outcome of one exercise's check: points, status, the feedback lines shown to the student and
 * a one-line summary of them for the grader.
 *
 * @param exercise the exercise id, e.g. "3.1"
 * @param title what the exercise asks for
 * @param points inputs answered correctly (0 when not attempted)
 * @param maxPoints number of inputs checked
 * @param status passed, partial, failed or not attempted
 * @param feedback one line per input, as printed for the student
 * @param summary the failed inputs in one line (what the grader's CSV shows)
 */
public record CheckResult(
    String exercise,
    String title,
    int points,
    int maxPoints,
    Status status,
    List<String> feedback,
    String summary) {

  /**
   * Starts the machine-readable line {@link #resultLine()} prints; {@code notebooks/grade.py}
   * looks for it in the outputs of check cells (and only there).
   */
  public static final String PREFIX = "FEAREC-CHECK ";

  public CheckResult {
    feedback = List.copyOf(feedback);
  }

  /** What the student reads: a heading with the points, then the feedback lines. */
  public String report() {
    StringBuilder sb =
        new StringBuilder("Exercise ")
            .append(exercise)
            .append(" (")
            .append(title)
            .append("): ");
    if (status == Status.NOT_ATTEMPTED) {
      sb.append("not attempted (0 of ").append(maxPoints).append(" points)");
    } else {
      sb.append(points).append(" of ").append(maxPoints).append(" points");
    }
    for (String line : feedback) {
      sb.append('\n').append(line);
    }
    return sb.toString();
  }

  /** {@link #PREFIX} followed by one JSON object: exercise, points, max_points, status, feedback. */
  public String resultLine() {
    JsonObject json = new JsonObject();
    json.addProperty("exercise", exercise);
    json.addProperty("points", points);
    json.addProperty("max_points", maxPoints);
    json.addProperty("status", status.label());
    json.addProperty("feedback", summary);
    return PREFIX + new Gson().toJson(json);
  }
}
