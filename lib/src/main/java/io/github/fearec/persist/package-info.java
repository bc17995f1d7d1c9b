/**
 * What a run keeps on disk: a trained model ({@link io.github.fearec.persist.ModelCheckpoint},
 * {@code model.json} and {@code model.params}), the checkpoint a run resumes from after every epoch
 * ({@link io.github.fearec.persist.TrainingCheckpoint}, {@code checkpoint/}), host copies of a
 * model's weights ({@link io.github.fearec.persist.ParameterSnapshot}) and the one exception for a
 * checkpoint that is missing, damaged or does not fit ({@link
 * io.github.fearec.persist.CheckpointException}). Every file is written durably and checked on
 * load ({@code files}).
 *
 * <p>It sits below {@code train}, beside {@code eval}, and knows the model ({@code nn}) but not how
 * it is trained: what it stores of training comes in as plain values. The weights and Adam's
 * moments are float arrays, one per parameter in the model's order (Adam's as [m₀, v₀, m₁, v₁,
 * ...]); the epoch history is a list of the trainer's records ({@code train.EpochRecord}), whose
 * class the trainer names when it saves and loads, so that Gson writes and reads them field by
 * field as before the move, and of which the checkpoint reads only what {@link
 * io.github.fearec.persist.TrainingCheckpoint.Entry} declares (the epoch, and whether the record is
 * whole). So the records stay the trainer's type, where the training loop, its listeners and the
 * notebooks use them, and the file formats stay as they were.
 */
package io.github.fearec.persist;
