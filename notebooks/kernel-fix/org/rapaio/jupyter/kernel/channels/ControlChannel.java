/*
 * Restart fix for io.github.padreati:rapaio-jupyter-kernel:3.0.1 ONLY (3.0.4's channels are
 * the same), written for the FEARec kit. Like LoopThread.java beside it, install.sh compiles it
 * against that jar and puts it ahead of the kernel jar, replacing the kernel's ControlChannel.
 *
 * What goes wrong in 3.0.1 (seen in the browser: the first cell run right after a restart
 * stays at [*] and its output lands in the server log):
 *  1. The control loop sets the request it handles as the kernel's ONE "current request"
 *     (Channels.setMsgId), which is also the parent of everything the shell's execute request
 *     publishes and of its reply. After a restart jupyter-server "nudges" the new kernel with
 *     kernel_info_request on the control channel until IOPub answers; a nudge that arrives
 *     while the first cell runs makes that cell's output and execute_reply carry the nudge's
 *     parent header, so the frontend never attributes them to the cell.
 *  2. The control loop then runs Channels' shared after-actions: those the running execute
 *     scheduled (its "idle" status, clearing the current request) run too early.
 *  3. Every reply goes out on the shell socket, so control replies never reach the client.
 * Here the control channel keeps its own parent: it answers kernel_info and interrupt on its
 * own socket with the request as parent and never touches the shell's current request or
 * after-actions. Only shutdown still goes through the kernel's handler (which ends the
 * process, so the shared state no longer matters), after its reply is sent here.
 */
package org.rapaio.jupyter.kernel.channels;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.org.zeromq.SocketType; // jeromq, relocated in the kernel jar
import org.rapaio.org.zeromq.ZMQ;

public final class ControlChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private volatile LoopThread loopThread;

    public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }
        String addr = connProps.formatAddress(connProps.controlPort());
        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        loopThread = new LoopThread("Control-" + ID.getAndIncrement(), LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                handle(readMessage());
            }
        });
        loopThread.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message<?> request) {
        MessageType<?> type = request.header().type();
        LOGGER.info(logPrefix + "Handling message: " + type.name());
        if (type == MessageType.SHELL_KERNEL_INFO_REQUEST) {
            replyTo(request, kernelInfo());
        } else if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
            replyTo(request, new ControlInterruptReply());
            MainApp.kernel.interrupt();
        } else if (type == MessageType.CONTROL_SHUTDOWN_REQUEST) {
            boolean restart = ((ControlShutdownRequest) request.content()).restart();
            replyTo(request, restart ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN);
            // The kernel's own handler stops the engine and marks the channels for shutdown.
            MessageHandler handler = channels.getHandler(type);
            channels.setMsgId(request.getId());
            try {
                handler.handle(request);
            } finally {
                channels.runAfterActions();
            }
            channels.close();
        } else {
            LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void replyTo(Message<?> request, ContentType content) {
        sendMessage(new Message(request.getId(), content.type(), content));
    }

    /** The kernel's own kernel_info reply content (private in RapaioKernel 3.0.1). */
    private static ContentType<?> kernelInfo() {
        try {
            Method m = RapaioKernel.class.getDeclaredMethod("kernelInfo");
            m.setAccessible(true);
            return (ContentType<?>) m.invoke(MainApp.kernel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel-fix ControlChannel: RapaioKernel.kernelInfo() not found; "
                    + "this fix is for rapaio-jupyter-kernel 3.0.1 only", e);
        }
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
