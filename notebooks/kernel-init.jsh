// The kit's imports, the common part of both kernels' start-up scripts: install.sh writes
// notebooks/.kernel/init-rapaio.jsh (this file plus the static import of rapaio's Global,
// which provides display(...); RJK_INIT_SCRIPT REPLACES rapaio's own default script) and
// init-jjava.jsh (this file; JJava's display(...) is imported by JJava itself).
//
// Every import here must resolve: one that does not (e.g. a package that has no classes
// yet) stops the kernel at start with "SEVERE: package ... does not exist" in its log and
// the notebook never connects. A package that holds only sub-packages also counts as
// missing. So only packages that exist in the kit jar are imported; when the library
// gains a package notebooks use everywhere (say io.github.fearec.model), add its line
// below after building, then run ./run-tests, which starts both kernels on every chapter.

import java.util.*;
import java.util.function.*;
import java.util.stream.*;
import java.io.*;
import java.nio.file.*;
import java.awt.image.BufferedImage;

import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.training.ParameterStore;
import org.knowm.xchart.*;
import tech.tablesaw.api.*;

import io.github.fearec.*;
// The kit's packages the chapters use. No simple class name occurs twice among all the
// packages imported here with '*' (checked for the kit, DJL's ndarray, XChart and Tablesaw
// api), so no name is ambiguous in a cell. The cli package stays out: chapters do not need it.
import io.github.fearec.data.*;
import io.github.fearec.spectral.*;
import io.github.fearec.nn.*;
import io.github.fearec.train.*;
import io.github.fearec.eval.*;
import io.github.fearec.viz.*;
// Settings: Choice.parse reads an enum setting (a contrastive mode, a loss) as users spell it.
import io.github.fearec.config.Choice;
// Graded exercises: NotAttempted for the stubs, Exercise and Comparisons for the check cells.
import io.github.fearec.course.*;
