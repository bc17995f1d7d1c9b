/**
 * Charts for the notebooks: small builders on XChart that turn the kit's arrays (spectra, lag
 * scores, frequency bands, training curves) into images a notebook cell can show with {@code
 * display(...)}.
 *
 * <p>Each chart class builds one kind of XChart chart object and nothing else, so a caller who
 * wants to restyle it can still reach XChart's API; {@link io.github.fearec.viz.Charts} turns a
 * chart into a {@link java.awt.image.BufferedImage} or a PNG file and offers one-call shortcuts.
 * Everything renders off-screen (no window, no AWT toolkit), so the package works on headless
 * servers and in tests. All charts share one look ({@link io.github.fearec.viz.ChartStyle}).
 */
package io.github.fearec.viz;
