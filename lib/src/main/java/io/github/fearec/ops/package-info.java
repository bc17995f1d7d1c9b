/**
 * Array helpers below every model package: workarounds for DJL behaviour that the spectral layers,
 * the encoder blocks, the losses, the optimiser and the scorer need (docs/djl.md), and {@link
 * io.github.fearec.ops.QueryRows}, the query positions that both attention branches of a layer
 * compute (docs/model.md §11). It imports nothing of the kit, so {@code spectral}, {@code nn},
 * {@code eval} and {@code train} can use it without importing one another.
 */
package io.github.fearec.ops;
