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
 *  2. The shell loop body looks up its handler table, which the kernel creates only after
 *     the channels are bound and their loops started; a request arriving in that window
 *     throws a NullPointerException out of the loop body, which ends the thread too.
 * Here the flag is set before the thread starts, and a RuntimeException thrown by one turn
 * of the loop is logged and the loop goes on (the client simply re-sends kernel_info).
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

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

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
