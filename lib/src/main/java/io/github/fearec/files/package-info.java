/**
 * Files that survive a crash: atomic replacement with {@code fsync} of the file and its directory,
 * SHA-256 checksums beside what is written, and the one exception for output that cannot be
 * written. It imports nothing of the kit but {@link io.github.fearec.FearecException}, so {@code
 * persist} (checkpoints), {@code viz} (charts) and {@code cli} (run directories) all use it.
 */
package io.github.fearec.files;
