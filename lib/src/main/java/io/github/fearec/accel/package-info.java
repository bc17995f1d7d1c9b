/**
 * The kit's optional speed layer (docs/model.md §11): how a model computes faster what the paper's
 * classes define, behind one switch, {@link io.github.fearec.accel.Acceleration}, chosen when the
 * model is built. The paper's path does not pass through here: {@code spectral.BandFilter} and
 * {@code spectral.AutoCorrelationAttention} compute docs/model.md §3–4 with FFTs, and {@code nn}'s
 * layers compute every position, as the equations are written. An acceleration gives a model
 * equivalent subclasses of the two spectral classes (the matrix route for short sequences, {@link
 * io.github.fearec.accel.ShortSequenceRoute}) and lets the last layer compute at the user positions
 * only ({@link io.github.fearec.accel.QueryRows}); {@code Acceleration.NONE} switches both off
 * without any model class changing. It sits between {@code spectral}, whose classes it extends, and
 * {@code nn}, which is built with it.
 */
package io.github.fearec.accel;
