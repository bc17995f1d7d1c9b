/**
 * Graded exercises for the course notebooks: the check side.
 *
 * <p>A student completes a function in an exercise cell; the check cell after it calls {@link
 * io.github.fearec.course.Exercise#of(String, Class)} with the exercise id, adds named inputs
 * (records of {@link io.github.fearec.course.Inputs}, edge cases included) and calls {@link
 * io.github.fearec.course.Exercise#check}. The reference answer and the comparison live in the
 * package-private {@code References}, behind the id, so that the check cell the student reads does
 * not name the function that computes the answer. The check prints feedback a student can act on
 * (which input, what was expected, what came back, a hint) and publishes one machine-readable
 * {@link io.github.fearec.course.CheckResult#PREFIX result line} through {@link
 * io.github.fearec.course.ResultChannel} (in the course kernel a display output of its own MIME
 * type, hidden from the student) that {@code notebooks/grade.py} collects. A stub that throws
 * {@link io.github.fearec.course.NotAttempted} is reported as "not attempted"; anything else a
 * student's code throws becomes feedback, never an error of the cell, so the notebook runs on.
 *
 * <p>The package sits on top of the library (its references use data, spectral, nn, eval and
 * train); nothing in the library imports it.
 */
package io.github.fearec.course;
