package io.github.fearec.cli;

import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelRecommender;
import io.github.fearec.nn.RecommenderModel;
import io.github.fearec.train.ModelCheckpoint;
import io.github.fearec.train.TrainConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates saved weights on the validation and test items of a dataset. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Full-ranking HR@K and NDCG@K of a checkpoint written by 'fearec train'.")
final class EvaluateCommand implements Runnable {

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
      description = "the output directory of a training run (holds model.json and model.params)")
  Path checkpoint;

  @Mixin CommonOptions common;

  @Override
  public void run() {
    Settings s = common.loader().load();
    TrainConfig training = s.training.build();
    SequenceDataset data = DataSource.load(s, System.out);
    try (RecommenderModel model =
        ModelCheckpoint.load(checkpoint, data.numItems(), Devices.resolve(s.device))) {
      LeaveOneOutSplit split = new LeaveOneOutSplit(data);
      Evaluator evaluator =
          new Evaluator(
              split,
              new BatchFactory(model.config().maxLength()),
              training.evalBatchSize(),
              training.excludeHistory());
      ModelRecommender recommender = new ModelRecommender(model);
      EvaluationResult valid = evaluator.evaluate(recommender, HeldOut.VALIDATION);
      EvaluationResult test = evaluator.evaluate(recommender, HeldOut.TEST);
      String name = model.type().id();
      System.out.println();
      System.out.print(
          new MetricsTable().add(name + " (validation)", valid).add(name + " (test)", test));
    }
  }
}
