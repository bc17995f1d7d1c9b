package io.github.fearec.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.fearec.nn.BatchTensors;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.RecommenderModel;
import io.github.fearec.train.ContrastiveMode;
import io.github.fearec.train.Objective;
import io.github.fearec.train.TrainConfig;
import java.util.Random;

/** Scratch timing of one training step; not a test. */
public class StepTiming {
  public static void main(String[] args) {
    int items = 12101, b = 256, n = 50;
    Random r = new Random(1);
    int[] seq = new int[b * n], len = new int[b], tgt = new int[b];
    for (int i = 0; i < b; i++) {
      len[i] = 1 + r.nextInt(n);
      for (int t = 0; t < len[i]; t++) seq[i * n + t] = 1 + r.nextInt(items);
      tgt[i] = 1 + r.nextInt(items);
    }
    for (String spec : args) {
      String[] p = spec.split(":");
      ModelType type = ModelType.valueOf(p[0]);
      ContrastiveMode mode = ContrastiveMode.parse(p[1]);
      TrainConfig tc = TrainConfig.builder(type).contrastive(mode).frequencyWeight(0).build();
      ModelConfig mc = ModelConfig.builder().spatialRatio(Double.parseDouble(p[2])).build();
      try (RecommenderModel model = RecommenderModel.create(type, mc, items, null)) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        ParameterStore store = new ParameterStore(model.manager(), false);
        store.setParameterServer(new LocalParameterServer(adam), new ai.djl.Device[] {model.device()});
        Objective obj = new Objective(tc);
        long[] times = new long[15];
        for (int it = 0; it < times.length; it++) {
          long t0 = System.nanoTime();
          try (NDManager step = model.newStep()) {
            BatchTensors in = BatchTensors.of(step, seq, len, tgt);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              Objective.Result res = obj.compute(model, store, in, in);
              res.values();
              gc.backward(res.total());
            }
          }
          store.updateAllParameters();
          times[it] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times, 3, times.length);
        System.out.printf("%s median %.1f ms/step -> %.0f samples/s%n", spec, times[9] / 1e6, b / (times[9] / 1e9));
      }
    }
  }
}
