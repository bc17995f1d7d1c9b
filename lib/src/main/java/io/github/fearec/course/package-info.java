/**
 * Graded exercises for the course notebooks: the check side.
 *
 * <p>A student completes a function in an exercise cell; the check cell after it builds an {@link
 * io.github.fearec.course.Exercise} (named inputs, edge cases included, and the library's own
 * implementation as the reference) and calls {@link io.github.fearec.course.Exercise#check}. The
 * check prints feedback a student can act on (which input, what was expected, what came back, a
 * hint) and one machine-readable {@link io.github.fearec.course.CheckResult#PREFIX result line}
 * that {@code notebooks/grade.py} collects. A stub that throws {@link
 * io.github.fearec.course.NotAttempted} is reported as "not attempted"; anything else a student's
 * code throws becomes feedback, never an error of the cell, so the notebook runs on.
 */
package io.github.fearec.course;
