package org.mailplatform.localstack;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port the local stack binds, decided before anything starts.
 *
 * @param http      HTTP (actuator, admin API) port of each service
 * @param mail      mail port of each listener
 * @param kafka     the Kafka broker's client port
 * @param postgres  the embedded PostgreSQL's port (unused with an existing server)
 * @param autoconfig the MSA's client autoconfiguration (HTTPS) port
 */
public record StackPorts(Map<PlatformService, Integer> http, Map<MailListener, Integer> mail, int kafka, int postgres,
                         int autoconfig) {

    /** Client autoconfiguration's dev port: production 443 + 10000, as the mail ports. */
    static final int AUTOCONFIG_DEV_PORT = 10443;

    public StackPorts {
        http = Map.copyOf(http);
        mail = Map.copyOf(mail);
    }

    /** The documented dev ports; Kafka on 9092 and PostgreSQL on 15432 when free, elsewhere when not. */
    public static StackPorts dev() {
        Map<PlatformService, Integer> http = new EnumMap<>(PlatformService.class);
        Map<MailListener, Integer> mail = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            http.put(service, service.devHttpPort());
            service.mailListeners().forEach(l -> mail.put(l, l.devPort()));
        }
        return new StackPorts(http, mail, LocalPorts.preferred(9092), LocalPorts.preferred(15432), AUTOCONFIG_DEV_PORT);
    }

    /** Free ports only: a stack that can run beside another one (tests). */
    public static StackPorts ephemeral() {
        Map<PlatformService, Integer> http = new EnumMap<>(PlatformService.class);
        Map<MailListener, Integer> mail = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            http.put(service, LocalPorts.anyFree());
            service.mailListeners().forEach(l -> mail.put(l, LocalPorts.anyFree()));
        }
        return new StackPorts(http, mail, LocalPorts.anyFree(), LocalPorts.anyFree(), LocalPorts.anyFree());
    }

    /** These ports with free ones for {@code service}'s HTTP server and mail listeners: room for another instance of it. */
    public StackPorts withFreePortsFor(PlatformService service) {
        Map<PlatformService, Integer> newHttp = new EnumMap<>(http);
        Map<MailListener, Integer> newMail = new LinkedHashMap<>(mail);
        newHttp.put(service, LocalPorts.anyFree());
        service.mailListeners().forEach(l -> newMail.put(l, LocalPorts.anyFree()));
        return new StackPorts(newHttp, newMail, kafka, postgres,
                service == PlatformService.MSA ? LocalPorts.anyFree() : autoconfig);
    }

    public int http(PlatformService service) {
        return http.get(service);
    }

    public int mail(MailListener listener) {
        return mail.get(listener);
    }

    /** The service ports that are taken already, described for the user; empty when all are free. */
    List<String> busyServicePorts() {
        List<String> busy = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (!LocalPorts.isFree(http(service))) {
                busy.add(http(service) + " (" + service.serviceName() + " HTTP)");
            }
            for (MailListener listener : service.mailListeners()) {
                if (!LocalPorts.isFree(mail(listener))) {
                    busy.add(mail(listener) + " (" + service.serviceName() + " " + listener.name() + ")");
                }
            }
        }
        if (!LocalPorts.isFree(autoconfig)) {
            busy.add(autoconfig + " (msa-service autoconfig)");
        }
        return busy;
    }
}
