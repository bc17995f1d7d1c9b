package io.github.fearec.course;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a check's machine-readable result line goes. Inside the course's Java kernel
 * (rapaio-jupyter-kernel) it is sent as a display output of its own MIME type {@link #MIME_TYPE}
 * next to an empty {@code text/plain}: the browser shows the empty text, so the student reads the
 * feedback and not the JSON, while {@code notebooks/grade.py} reads the line from the check cell's
 * outputs. Anywhere else (plain Java, unit tests) it is printed on stdout, which the grader reads
 * too.
 */
public final class ResultChannel {

  /** The MIME type of the display output that carries a result line in the course kernel. */
  public static final String MIME_TYPE = "application/x-fearec-check";

  private static volatile Consumer<String> sink = kernelDisplay();

  private ResultChannel() {}

  /** Sends result lines to {@code target} from now on. */
  public static void use(Consumer<String> target) {
    sink = Objects.requireNonNull(target, "target");
  }

  /** Sends one result line ({@link CheckResult#resultLine()}). */
  public static void publish(String resultLine) {
    sink.accept(resultLine);
  }

  /**
   * The kernel's display channel when this JVM runs the rapaio kernel, else stdout. Found by
   * reflection: the kit must not depend on the kernel at compile time, and in the kernel the kit's
   * class loader is a child of the kernel's, so the kernel's classes are visible at run time.
   */
  private static Consumer<String> kernelDisplay() {
    try {
      Class<?> dataClass = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData");
      Method fromText = dataClass.getMethod("fromText", String.class);
      Method putData = dataClass.getMethod("putData", String.class, Object.class);
      Object kernel = Class.forName("org.rapaio.jupyter.kernel.MainApp").getField("kernel").get(null);
      if (kernel == null) {
        return System.out::println;
      }
      Method display = kernel.getClass().getMethod("display", dataClass);
      return line -> {
        try {
          Object data = fromText.invoke(null, "");
          putData.invoke(data, MIME_TYPE, line);
          display.invoke(kernel, data);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot send the check's result to the kernel: " + e, e);
        }
      };
    } catch (ReflectiveOperationException | LinkageError e) {
      return System.out::println; // not inside the kernel
    }
  }
}
