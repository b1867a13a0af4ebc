package org.mailplatform.localstack;

/**
 * A further instance of one of the stack's services, beside the stack's own: the same database,
 * broker and certificate, ports of its own. It shows what a second replica behind a load balancer
 * would do, e.g. an IMAP gateway whose sessions must see changes made through the other one.
 * The stack stops it with the others; {@link #close()} stops it earlier.
 */
public final class ServiceReplica implements AutoCloseable {

    private final RunningService running;
    private final StackPorts ports;

    ServiceReplica(RunningService running, StackPorts ports) {
        this.running = running;
        this.ports = ports;
    }

    public PlatformService service() {
        return running.service();
    }

    /** The HTTP port the replica really listens on. */
    public int httpPort() {
        return running.httpPort();
    }

    public int mailPort(MailListener listener) {
        if (!service().mailListeners().contains(listener)) {
            throw new IllegalArgumentException(listener.name() + " is not a listener of " + service().serviceName());
        }
        return ports.mail(listener);
    }

    /** A bean of the replica's application context. */
    <T> T bean(Class<T> type) {
        return running.context().getBean(type);
    }

    @Override
    public void close() {
        running.close();
    }
}
