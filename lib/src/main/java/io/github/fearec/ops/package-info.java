/**
 * Array helpers below every model package: workarounds for DJL behaviour that the spectral layers,
 * the encoder blocks, the losses, the optimiser and the scorer need (docs/djl.md). It imports
 * nothing of the kit, so {@code spectral}, {@code nn}, {@code eval} and {@code train} can use it
 * without importing one another.
 */
package io.github.fearec.ops;
