package org.mailplatform.mta.milter;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A test milter written with pymilter (Python's binding of the real libmilter), run from a script
 * among the test resources on a free loopback port, stopped by its own process handle.
 */
public final class PyMilter implements AutoCloseable {

    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private final Process process;
    private final InetSocketAddress address;

    private PyMilter(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Whether pymilter can be imported. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import Milter").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts the script (a resource path such as {@code /milter/replace-body.py}, given the port) and waits until it listens. */
    public static PyMilter start(String resource) throws IOException, InterruptedException {
        Path script = Files.createTempFile("milter", ".py");
        try (InputStream in = PyMilter.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return new PyMilter(process, address);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("the test milter " + resource + " did not start listening on " + address);
                }
                Thread.sleep(50);
            }
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code host:port}, as the milter settings take it. */
    public String settingValue() {
        return address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
