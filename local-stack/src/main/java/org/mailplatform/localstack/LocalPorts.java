package org.mailplatform.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port checks on the loopback interface, where everything of the local stack listens. */
final class LocalPorts {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Above every fixed port of the stack (dev mail ports up to 12525, PostgreSQL 15432). */
    private static final int FIRST_CHOSEN_PORT = 16_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LocalPorts() {
    }

    /** True when nothing accepts connections on the port and it can be bound. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As servers bind (SO_REUSEADDR): a port whose last connection lingers in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when a connection to the port on the loopback interface is accepted. */
    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below the kernel's ephemeral range. A port from that range (what binding port 0
     * gives) can be taken as the local port of any outgoing connection, e.g. a Kafka client's,
     * between being chosen and being bound; below it only a listener can take it. Never the same
     * port twice in this JVM.
     */
    static int anyFree() {
        int limit = ephemeralRangeStart();
        int span = limit - FIRST_CHOSEN_PORT;
        int offset = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = FIRST_CHOSEN_PORT + (offset + i) % span;
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free local port between " + FIRST_CHOSEN_PORT + " and " + limit);
    }

    /** Linux's net.ipv4.ip_local_port_range; 32768 (its default) where it cannot be read. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > FIRST_CHOSEN_PORT + 1000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    static int preferred(int port) {
        return isFree(port) ? port : anyFree();
    }
}
