/**
 * Array helpers below every model package: workarounds for DJL behaviour that the spectral layers,
 * the encoder blocks and the losses all need (docs/djl.md). It imports nothing of the kit, so
 * {@code spectral}, {@code nn} and {@code train} can use it without importing one another.
 */
package io.github.fearec.ops;
