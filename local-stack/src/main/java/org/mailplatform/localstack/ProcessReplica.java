package org.mailplatform.localstack;

/**
 * A further process of one of the {@link ProcessStack}'s services, beside its first one: the same
 * database, broker and certificate, ports of its own, as a second pod behind a load balancer.
 */
public final class ProcessReplica {

    private final PlatformService service;
    private final int number;
    private final StackPorts ports;
    private final ChildProcess process;

    ProcessReplica(PlatformService service, int number, StackPorts ports, ChildProcess process) {
        this.service = service;
        this.number = number;
        this.ports = ports;
        this.process = process;
    }

    public PlatformService service() {
        return service;
    }

    /** 2 for the service's second process, 3 for its third, ... */
    public int number() {
        return number;
    }

    /** Its process name, also its log file's name: {@code imap-gateway-2}. */
    public String name() {
        return service.serviceName() + "-" + number;
    }

    public int httpPort() {
        return ports.http(service);
    }

    public int mailPort(MailListener listener) {
        if (!service.mailListeners().contains(listener)) {
            throw new IllegalArgumentException(listener.name() + " is not a listener of " + service.serviceName());
        }
        return ports.mail(listener);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    ChildProcess process() {
        return process;
    }
}
