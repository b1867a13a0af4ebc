package org.mailplatform.localstack;

import java.util.Locale;
import java.util.Map;

/** What the user sees once the stack is up: ports, accounts, how to connect, where to look. */
final class StartupBanner {

    private static final String RULE = "=".repeat(100);

    private StartupBanner() {
    }

    static String render(LocalStack stack) {
        StringBuilder b = new StringBuilder(4096);
        StartupTimes t = stack.startupTimes();
        b.append('\n').append(RULE).append('\n');
        b.append(" Mail platform local stack is up in ").append(StartupTimes.seconds(t.total()))
                .append("  (PostgreSQL + Kafka ").append(StartupTimes.seconds(t.infrastructure()))
                .append(", schema + demo accounts + certificate ").append(StartupTimes.seconds(t.migrations()))
                .append(", services ").append(StartupTimes.seconds(t.services())).append(")\n");
        b.append(RULE).append("\n\n");
        services(b, stack);
        infrastructure(b, stack);
        accounts(b, stack);
        adminApi(b, stack);
        howTo(b, stack);
        dkim(b, stack);
        b.append(" Logs: ").append(stack.settings().dataDir().resolve("local-stack.log")).append("    Stop: Ctrl-C\n");
        b.append(RULE).append('\n');
        return b.toString();
    }

    private static void services(StringBuilder b, LocalStack stack) {
        b.append(String.format(Locale.ROOT, " %-13s %-6s %-8s %s%n", "SERVICE", "HTTP", "HEALTH", "MAIL PORTS: local dev (production)"));
        for (PlatformService service : PlatformService.values()) {
            int http = stack.httpPort(service);
            String first = service.mailListeners().isEmpty() ? "none (HTTP admin API)" : mailPort(stack, service.mailListeners().getFirst());
            b.append(String.format(Locale.ROOT, " %-13s %-6d %-8s %s%n", service.serviceName(), http, HealthProbe.status(http), first));
            for (MailListener listener : service.mailListeners().subList(Math.min(1, service.mailListeners().size()), service.mailListeners().size())) {
                b.append(String.format(Locale.ROOT, " %-13s %-6s %-8s %s%n", "", "", "", mailPort(stack, listener)));
            }
        }
        b.append("\n Health:  http://localhost:<HTTP>/actuator/health  (probes: .../health/liveness, .../health/readiness;"
                + " metrics: .../actuator/prometheus)\n\n");
    }

    private static String mailPort(LocalStack stack, MailListener listener) {
        String tls = listener.tls() == MailListener.Tls.IMPLICIT ? "implicit TLS" : "STARTTLS";
        return String.format(Locale.ROOT, "%-5d %s, %s (%d)", stack.mailPort(listener), listener.protocol(), tls, listener.productionPort());
    }

    private static void infrastructure(StringBuilder b, LocalStack stack) {
        DatabaseEndpoint db = stack.database();
        b.append(" PostgreSQL: ").append(db.jdbcUrl()).append("  user ").append(db.username()).append('\n');
        b.append("             ").append(stack.databaseDescription()).append('\n');
        if (stack.settings().existingDatabase().isEmpty()) {
            b.append("             psql: psql -h 127.0.0.1 -p ").append(stack.settings().ports().postgres())
                    .append(" -U ").append(db.username()).append(' ').append(EmbeddedPostgresServer.DATABASE).append('\n');
        }
        b.append(" Kafka:      ").append(stack.kafkaBootstrapServers()).append("  (KRaft broker in this JVM)\n\n");
    }

    private static void accounts(StringBuilder b, LocalStack stack) {
        b.append(" Demo accounts (domain ").append(DemoAccounts.DOMAIN).append("):\n");
        for (Map.Entry<String, String> account : stack.demoCredentials().passwords().entrySet()) {
            b.append(String.format(Locale.ROOT, "   %-22s password: %s%n", account.getKey(), account.getValue()));
        }
        b.append('\n');
    }

    private static void adminApi(StringBuilder b, LocalStack stack) {
        int http = stack.httpPort(PlatformService.MDA);
        b.append(" Admin API (mda-service): curl -H 'Authorization: Bearer ").append(stack.adminToken())
                .append("' http://localhost:").append(http).append("/api/v1/accounts\n");
        b.append("   OpenAPI: http://localhost:").append(http).append("/swagger-ui.html\n\n");
    }

    private static void dkim(StringBuilder b, LocalStack stack) {
        b.append(" DKIM: mail from ").append(DemoAccounts.DOMAIN).append(" to other domains is signed with these keys (")
                .append(stack.dkimKeyDirectory()).append(").\n   For a real domain, publish its records like these:\n");
        for (String line : stack.dkimRecords()) {
            b.append("   ").append(line).append('\n');
        }
        b.append('\n');
    }

    private static void howTo(StringBuilder b, LocalStack stack) {
        Map<String, String> passwords = stack.demoCredentials().passwords();
        String alice = "alice@" + DemoAccounts.DOMAIN;
        String bob = "bob@" + DemoAccounts.DOMAIN;
        String alicePassword = passwords.getOrDefault(alice, "<password>");
        String bobPassword = passwords.getOrDefault(bob, "<password>");
        int submission = stack.mailPort(PlatformService.MSA.mailListeners().getFirst());
        int submissions = stack.mailPort(PlatformService.MSA.mailListeners().get(1));
        int imap = stack.mailPort(PlatformService.IMAP.mailListeners().getFirst());
        int pop3s = stack.mailPort(PlatformService.POP3.mailListeners().get(1));
        b.append(" TLS certificate (self-signed, the same for every mail port; hence -k below): ")
                .append(stack.certificateDirectory().resolve("tls.crt")).append('\n');
        b.append("   SHA-256 ").append(stack.certificateFingerprint()).append("\n\n");
        b.append(" Client autoconfiguration (Thunderbird; Autodiscover and the Apple profile beside it):\n")
                .append("   curl -k 'https://localhost:").append(stack.settings().ports().autoconfig())
                .append("/mail/config-v1.1.xml?emailaddress=").append(alice).append("'\n\n");
        b.append(" Try it:\n");
        String swaksAccount = " --auth PLAIN --auth-user " + alice + " --auth-password '" + alicePassword + "' --from " + alice
                + " --to " + bob;
        b.append("   send:  swaks --server localhost:").append(submission).append(" --tls").append(swaksAccount).append('\n');
        b.append("     or:  swaks --server localhost:").append(submissions).append(" --tls-on-connect").append(swaksAccount).append('\n');
        b.append("     or:  printf 'Subject: hello\\r\\n\\r\\nHi Bob\\r\\n' | curl -sk --ssl-reqd smtp://localhost:").append(submission)
                .append(" -u '").append(alice).append(':').append(alicePassword).append("' --mail-from ").append(alice)
                .append(" --mail-rcpt ").append(bob).append(" -T -\n");
        b.append("   read:  curl -k --ssl-reqd 'imap://localhost:").append(imap).append("/INBOX;UID=1' -u '")
                .append(bob).append(':').append(bobPassword).append("'\n");
        b.append("     or:  curl -k 'pop3s://localhost:").append(pop3s).append("/1' -u '").append(bob).append(':').append(bobPassword).append("'\n");
        b.append("   Thunderbird (manual setup): IMAP localhost:").append(imap).append(" STARTTLS, SMTP localhost:").append(submission)
                .append(" STARTTLS, normal password, username = full address; accept the certificate (fingerprint above).\n\n");
    }
}
