package org.mailplatform.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local stack tells each service on top of its own application.yml, whether the service
 * runs inside the stack's JVM or as a process of its own.
 *
 * @param database         the platform's database
 * @param kafka            the broker's bootstrap servers
 * @param adminToken       the MDA's admin API token
 * @param certificateDir   the certificate every mail listener serves
 * @param dkimKeysDir      the DKIM keys the MTA signs with, or null for none
 * @param overrides        properties given by the user, over the stack's own choices
 */
record ServiceProperties(DatabaseEndpoint database, String kafka, String adminToken, Path certificateDir,
                         Path dkimKeysDir, Map<String, String> overrides) {

    /** The services' shared Spring Boot property that switches on local-development behaviour. */
    static final String LOCAL_DEV_PROPERTY = "mailplatform.local-dev";
    /** The SRS secret of the local stack; a production one is random (docs/configuration.md). */
    static final String DEV_SRS_SECRET = "local-stack-srs-secret";

    /** Client autoconfiguration on the MSA, telling clients the stack's own mail ports. */
    private static Map<String, String> autoconfig(StackPorts ports) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mailplatform.autoconfig.enabled", "true");
        p.put("mailplatform.autoconfig.port", String.valueOf(ports.autoconfig()));
        p.put("mailplatform.autoconfig.bind-address", ListenerPortProperties.BIND_ADDRESS);
        for (PlatformService service : PlatformService.values()) {
            // The listener names are the names of autoconfig's ports: imaps, imap, pop3s, pop3, submissions, submission.
            for (MailListener listener : service.mailListeners()) {
                if (!listener.name().equals("submission-alt") && !listener.name().equals("smtp")) {
                    p.put("mailplatform.autoconfig.ports." + listener.name(), String.valueOf(ports.mail(listener)));
                }
            }
        }
        return p;
    }

    Map<String, String> of(PlatformService service, StackPorts ports) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(LOCAL_DEV_PROPERTY, "true");
        p.put("server.port", String.valueOf(ports.http(service)));
        // The admin API has no authentication of its own yet: keep it off the network.
        p.put("server.address", "127.0.0.1");
        p.put("spring.datasource.url", database.jdbcUrl());
        p.put("spring.datasource.username", database.username());
        p.put("spring.datasource.password", database.password());
        // Five services share one small server: PostgreSQL's default is 100 connections.
        p.put("spring.datasource.hikari.maximum-pool-size", "5");
        // The stack has migrated the schema already; services never do.
        p.put("spring.flyway.enabled", "false");
        p.put("spring.kafka.bootstrap-servers", kafka);
        // Ctrl-C should not wait half a minute for an idle IMAP client.
        p.put("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        p.put("mailplatform.kernel.shutdown-grace-period", "10s");
        // One class path for all five: the MDA's OpenAPI documents would otherwise appear in every service.
        boolean apiDocs = service == PlatformService.MDA;
        if (service == PlatformService.MDA) {
            p.put("mailplatform.admin.token", adminToken);
        }
        if (service == PlatformService.MTA && dkimKeysDir != null) {
            p.put("mailplatform.dkim.keys-dir", dkimKeysDir.toString());
        }
        // SRS: the MDA signs forwarded senders and the MTA checks bounces with one secret. A development
        // value, given to every context since they share one class path and so the SRS settings.
        p.put("mailplatform.srs.secrets", DEV_SRS_SECRET);
        p.put("springdoc.api-docs.enabled", String.valueOf(apiDocs));
        p.put("springdoc.swagger-ui.enabled", String.valueOf(apiDocs));
        // Every context, listeners or not: on the shared class path each one gets the TLS auto-configuration.
        p.put("mailplatform.tls.certificate-dir", certificateDir.toString());
        p.putAll(ListenerPortProperties.of(service, ports));
        if (service == PlatformService.MSA) {
            p.putAll(autoconfig(ports));
        }
        p.putAll(overrides);
        return p;
    }
}
