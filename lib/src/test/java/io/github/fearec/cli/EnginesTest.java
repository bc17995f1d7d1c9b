package io.github.fearec.cli;

import static io.github.fearec.testing.UserMessages.assertReadable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The one message of issue #28 for a libtorch that cannot start, from the failures DJL gives
 * (their text as DJL 0.33 and 0.36 write it); RunFaultsTest runs the GPU build's case through the
 * command line.
 */
class EnginesTest {

  /** What DJL throws when its bundled library does not match the system and it is offline. */
  private static EngineException offlineDownloadFailure() {
    return new EngineException(
        "Failed to save pytorch index file", new IOException("Offline mode is enabled."));
  }

  @Test
  void theGpuBuildWithoutCudaSaysWhatItNeeds() {
    String message = Engines.message(offlineDownloadFailure(), "cu124");
    assertEquals(
        "libtorch cannot start: this is the GPU build of the kit (./mvnw -Pgpu package, libtorch"
            + " for CUDA 12.4), which needs an NVIDIA GPU and a driver for CUDA 12.4 even for"
            + " --device cpu (libtorch said: Failed to save pytorch index file: Offline mode is"
            + " enabled.); expected such a machine, or the CPU build: ./mvnw clean package"
            + " (without -Pgpu)",
        message);
    assertReadable(message);
  }

  @Test
  void aMissingCudaLibraryIsOneMessageToo() {
    String message = Engines.message(
        new UnsatisfiedLinkError("/root/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64/libtorch_cuda.so:"
            + " libcudart.so.12: cannot open shared object file: No such file or directory"),
        "cu124");
    assertTrue(message.contains("(libtorch said: /root/.djl.ai/pytorch/2.5.1-cu124-linux-x86_64/"
        + "libtorch_cuda.so: libcudart.so.12: cannot open shared object file"), message);
    assertReadable(message);
  }

  @Test
  void theCpuBuildNamesWhatWasAskedFor() {
    String message = Engines.message(offlineDownloadFailure(), "cpu");
    assertEquals(
        "libtorch cannot start (Failed to save pytorch index file: Offline mode is enabled.);"
            + " expected the CPU build's native library (./mvnw package puts it in lib/target/lib)"
            + " and no PYTORCH_VERSION, PYTORCH_FLAVOR or PYTORCH_LIBRARY_PATH asking for another"
            + " one, as the kit runs offline",
        message);
    assertEquals("cpu", Engines.bundledFlavor(), "the build the tests run with");
  }
}
