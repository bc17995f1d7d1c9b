/*
 * Start-up fix for io.github.padreati:rapaio-jupyter-kernel:3.0.1 ONLY, written for the
 * FEARec kit. notebooks/install.sh compiles this file against that jar and puts the class
 * AHEAD of the kernel jar on the kernel's classpath, so it replaces the kernel's own
 * LoopThread (same name, same public API). Drop it when moving to a kernel version that
 * fixes the start-up race; install.sh only applies it to 3.0.1.
 *
 * What goes wrong in 3.0.1 (measured: 2-3 of 15-25 starts never answer kernel_info):
 *  1. start() starts the thread first and sets the "running" flag afterwards; when the new
 *     thread checks the flag before it is set, the loop ends at once. The shell channel then
 *     never reads a request: the kernel looks alive (heartbeat) but never replies.
 *  2. The channels are bound and their loops started before the kernel fills its handler
 *     table. A request read in that window either throws a NullPointerException out of the
 *     loop body (table not created yet), which ends the thread too, or is logged as
 *     "Unhandled message" and dropped (table still empty). Clients that send kernel_info
 *     once and wait (Notebook 6 waits 60 s when a browser connects) are hit by the latter.
 * Here the flag is set before the thread starts; each loop's first turn waits until the
 * kernel's Channels are connected (handler table filled; ZeroMQ queues requests meanwhile;
 * an earlier version waited a fixed 300 ms, which under a load average of 5-7 still let a
 * restarted kernel drop the browser's kernel_info request, so JupyterLab never saw it idle);
 * and a RuntimeException thrown by one turn is logged and the loop goes on.
 */
package org.rapaio.jupyter.kernel.channels;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.RapaioKernel;

public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
    private static final long CONNECT_POLL_MS = 10;
    private static final long CONNECT_LIMIT_MS = 60_000;

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        try {
            awaitConnected();
        } catch (InterruptedException e) {
            running = false;
            return;
        }
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOGGER.log(Level.WARNING, getName() + ": loop turn failed, continuing", e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    /** Waits until Channels.connect has filled the handler table (its last step sets isConnected). */
    private void awaitConnected() throws InterruptedException {
        long deadline = System.currentTimeMillis() + CONNECT_LIMIT_MS;
        while (!kernelConnected()) {
            if (System.currentTimeMillis() > deadline) {
                LOGGER.warning(getName() + ": channels not connected after " + CONNECT_LIMIT_MS + " ms; starting anyway");
                return;
            }
            Thread.sleep(CONNECT_POLL_MS);
        }
    }

    /** RapaioKernel.channels and Channels.isConnected are private in 3.0.1: read them reflectively. */
    private static boolean kernelConnected() {
        try {
            Field channelsField = RapaioKernel.class.getDeclaredField("channels");
            channelsField.setAccessible(true);
            Object channels = channelsField.get(MainApp.kernel);
            if (channels == null) {
                return false;
            }
            Field connected = Channels.class.getDeclaredField("isConnected");
            connected.setAccessible(true);
            return connected.getBoolean(channels);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel-fix LoopThread: RapaioKernel.channels or Channels.isConnected "
                    + "not found; this fix is for rapaio-jupyter-kernel 3.0.1 only", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
