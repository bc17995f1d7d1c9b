package io.github.fearec.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.FrequencyBand;
import java.util.function.Function;

public class PartTiming {
  public static void main(String[] args) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(256, 50, 64));
      AutoCorrelationAttention ac = new AutoCorrelationAttention(new FrequencyBand(10, 26), 50, 3);
      BandFilter f = new BandFilter(new FrequencyBand(10, 26), 50);
      time("rfft", m, x, a -> a.transpose(0, 2, 1).rfft(50, -1).real());
      time("spectrum", m, x, a -> f.spectrum(a).real());
      time("bandfilter", m, x, f::apply);
      time("lagScores", m, x, a -> ac.lagScores(a, a));
      time("lagScoresFft", m, x, a -> ac.lagScoresByFft(a, a));
      time("selectLags", m, x, a -> ac.selectLags(ac.lagScores(a, a), true).get(1));
      time("attend", m, x, a -> ac.attend(a, a, a, true));
      time("aggregate", m, x, a -> {
        NDArray lags = a.getManager().create(new long[] {1, 5, 7}).expandDims(0).broadcast(new Shape(256, 3));
        NDArray w = a.getManager().ones(new Shape(256, 3));
        return ac.aggregate(a, lags, w);
      });
      time("matmul-ish", m, x, a -> a.matMul(a.transpose(0, 2, 1)));
    }
  }

  static void time(String name, NDManager m, NDArray x, Function<NDArray, NDArray> f) {
    long[] fw = new long[12], fb = new long[12];
    for (int i = 0; i < 12; i++) {
      try (NDManager s = m.newSubManager()) {
        NDArray in = x.duplicate(); in.attach(s);
        long t0 = System.nanoTime();
        NDArray out = f.apply(in);
        out.sum().getFloat();
        fw[i] = System.nanoTime() - t0;
        in.setRequiresGradient(true);
        t0 = System.nanoTime();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray o = f.apply(in);
          gc.backward(o.mul(o).sum());
        }
        in.getGradient().sum().getFloat();
        fb[i] = System.nanoTime() - t0;
      }
    }
    java.util.Arrays.sort(fw); java.util.Arrays.sort(fb);
    System.out.printf("%-12s fwd %7.2f ms  fwd+bwd %7.2f ms%n", name, fw[6] / 1e6, fb[6] / 1e6);
  }
}
