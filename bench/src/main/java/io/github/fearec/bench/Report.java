package io.github.fearec.bench;

import java.util.List;
import java.util.Locale;

/** Everything one benchmark run measured, with the conditions it ran under. */
record Report(
    String date,
    boolean quick,
    String data,
    int users,
    int items,
    int trainingSamples,
    int maxLength,
    double dataLoadSeconds,
    int threads,
    double loadAverageBefore,
    double loadAverageAfter,
    double peakResidentMegabytes,
    String javaVersion,
    double referenceTrainSamplesPerSecond,
    double referenceEvalUsersPerSecond,
    List<ModelResult> models) {

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "Benchmark %s%s: %s (%d users, %d items, %d training samples), N = %d, %d threads,"
            + " load average %.2f before / %.2f after, peak RSS %.0f MB, Java %s%n%n",
        date, quick ? " (QUICK MODE: not a measurement)" : "", data, users, items, trainingSamples,
        maxLength, threads, loadAverageBefore, loadAverageAfter, peakResidentMegabytes, javaVersion));
    md.append("| model | route | objective | train samples/s | × reference | step ms | eval users/s |"
        + " × reference | first batch s | GFLOP/sample | % of ceiling |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ModelResult r : models) {
      md.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %.0f | %.2f | %.0f | %.0f | %.2f | %.1f | %.3f | %.1f |%n",
          r.model(), r.route(), r.contrastive(), r.trainSamplesPerSecond(),
          r.trainSamplesPerSecond() / referenceTrainSamplesPerSecond, r.medianStepMs(),
          r.evalUsersPerSecond(), r.evalUsersPerSecond() / referenceEvalUsersPerSecond,
          r.firstBatchSeconds(), r.flopsPerSample() / 1e9, 100 * r.ceilingFraction()));
    }
    md.append(String.format(Locale.ROOT,
        "%nReference (authors' PyTorch FEARec, same machine kind): %.0f training samples/s,"
            + " %.0f users/s. The reference trains FEARec with us_x; compare the fearec row.%n",
        referenceTrainSamplesPerSecond, referenceEvalUsersPerSecond));
    return md.toString();
  }
}
