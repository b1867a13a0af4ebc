package org.mailplatform.localstack;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/** What the user sees once a stack of processes ({@code --processes}) is up: each process, its ports, the accounts. */
final class ProcessStackBanner {

    private static final String RULE = "=".repeat(100);

    private ProcessStackBanner() {
    }

    static String render(ProcessStack stack, Duration startup) {
        StringBuilder b = new StringBuilder(2048);
        b.append('\n').append(RULE).append('\n');
        b.append(" Mail platform local stack is up in ").append(StartupTimes.seconds(startup))
                .append(", each service a process of its own\n");
        b.append(RULE).append("\n\n");
        b.append(String.format(Locale.ROOT, " %-15s %-8s %-6s %-8s %s%n", "PROCESS", "PID", "HTTP", "READY", "MAIL PORTS"));
        for (PlatformService service : stack.services()) {
            int http = stack.httpPort(service);
            b.append(line(service.serviceName(), stack.servicePid(service), http, mailPorts(service, stack::mailPort)));
        }
        for (ProcessReplica replica : stack.replicas()) {
            b.append(line(replica.name(), replica.pid(), replica.httpPort(), mailPorts(replica.service(), replica::mailPort)));
        }
        b.append(String.format(Locale.ROOT, " %-15s %-8d %s%n", "kafka", stack.kafkaPid(), stack.kafkaBootstrapServers()));
        b.append(String.format(Locale.ROOT, " %-15s %-8d %s  user %s%n%n", "postgres", stack.postgresPid(),
                stack.database().jdbcUrl(), stack.database().username()));
        b.append(" Demo accounts (domain ").append(DemoAccounts.DOMAIN).append("):\n");
        for (Map.Entry<String, String> account : stack.demoCredentials().passwords().entrySet()) {
            b.append(String.format(Locale.ROOT, "   %-22s password: %s%n", account.getKey(), account.getValue()));
        }
        b.append("\n Logs: ").append(stack.logFile("x").getParent()).append("/<process>.log    Stop: Ctrl-C\n");
        b.append(RULE).append('\n');
        return b.toString();
    }

    private static String line(String name, long pid, int http, String mail) {
        return String.format(Locale.ROOT, " %-15s %-8d %-6d %-8s %s%n", name, pid, http, HealthProbe.readiness(http), mail);
    }

    private static String mailPorts(PlatformService service, ToIntFunction<MailListener> port) {
        if (service.mailListeners().isEmpty()) {
            return "none (HTTP admin API)";
        }
        StringBuilder b = new StringBuilder();
        for (MailListener listener : service.mailListeners()) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(port.applyAsInt(listener)).append(' ').append(listener.name());
        }
        return b.toString();
    }
}
