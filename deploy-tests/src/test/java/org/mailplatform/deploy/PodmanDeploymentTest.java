package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TestKafka;
import org.mailplatform.testsupport.TrustAllTls;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform deployed for real on one host: scripts/build-images.sh builds the images, the chart
 * is rendered with values for one node, and `podman kube play --network host` runs the migration
 * and the services next to the host's PostgreSQL (a private database) and a Kafka broker this JVM
 * starts. A message submitted over 587 (STARTTLS, AUTH) is read back over 993; after a delivery
 * refused for quota and a relay to a domain that does not exist, every metric name the alert rules,
 * the dashboard and the docs use must be exposed by the running services. Then everything the test
 * made is removed (`podman kube down`, the images, the Secrets, the volumes).
 *
 * <p>The message's path needs four services (MSA, MTA, MDA, IMAP); the POP3 gateway joins them with
 * {@code -Dmailplatform.deploy-test.all-services=true}. Needs podman with a working runtime
 * (.ci/run installs podman, runc and mmdebstrap and configures them), and the services' -exec jars.
 */
class PodmanDeploymentTest {

    // Each image's build includes a training run of the service for its AOT cache: a minute on a
    // quiet machine, up to fifteen on a 2-core machine at a load average of 60.
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(45);
    private static final String DOMAIN = "deploy.test";

    @TempDir
    Path work;

    private Podman podman;
    private final List<Path> played = new ArrayList<>();
    private final List<String> createdSecrets = new ArrayList<>();
    private KubePlayFiles files;
    private String imageTag;
    private final List<PlatformService> services = new ArrayList<>();

    @Test
    void submittedMailIsReadBackFromTheChartRunningInPodman() throws Exception {
        podman = Podman.find().orElse(null);
        assumePresent(podman != null, "podman is not installed (apt-get install podman runc mmdebstrap)");
        assumePresent(podman.works(), podman.problem());
        assumePresent(ExternalTool.find("mmdebstrap").isPresent(), "mmdebstrap is not installed");
        assumePresent(ExternalTool.find("openssl").isPresent(), "openssl is not installed");
        services.addAll(List.of(PlatformService.MSA, PlatformService.MTA, PlatformService.MDA, PlatformService.IMAP));
        if (Boolean.getBoolean("mailplatform.deploy-test.all-services")) {
            services.add(PlatformService.POP3);
        }
        for (PlatformService service : services) {
            assumePresent(DockerfilesTest.bootJarBuilt(service), service.serviceName() + "'s Boot jar is not built (./mvnw -DskipTests package)");
        }
        imageTag = "deploy-test-" + UUID.randomUUID().toString().substring(0, 8);

        buildImages();
        Map<PlatformService, Map<String, Integer>> ports = freePorts();
        String token = UUID.randomUUID().toString();
        String values = values(ports, token);
        Files.writeString(work.resolve("values.yaml"), values);
        files = KubePlayFiles.of(HelmChart.renderTextWithValues(values));

        for (Map.Entry<String, String> secret : files.secrets().entrySet()) {
            Path json = Files.writeString(work.resolve(secret.getKey() + ".json"), secret.getValue());
            podman.require(Duration.ofSeconds(30), "secret", "create", secret.getKey(), json.toString());
            createdSecrets.add(secret.getKey());
        }
        Path setup = Files.writeString(work.resolve("setup.yaml"), files.setup());
        played.add(setup);
        podman.require(Duration.ofMinutes(2), "kube", "play", "--network", "host", setup.toString());
        String migration = podman.require(Duration.ofMinutes(3), "wait", HelmChart.RELEASE + "-migrate-migrate").strip();
        assertThat(migration).as("migration exit code; logs:\n%s", logs(HelmChart.RELEASE + "-migrate-migrate")).isEqualTo("0");

        Path platform = Files.writeString(work.resolve("platform.yaml"), files.platform());
        played.add(platform);
        podman.require(Duration.ofMinutes(3), "kube", "play", "--network", "host", platform.toString());

        HttpClient http = HttpClient.newHttpClient();
        for (PlatformService service : services) {
            int httpPort = ports.get(service).get("http");
            try {
                await(service.serviceName() + " ready").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
                        .ignoreExceptions()
                        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + logs(container(service)), e);
            }
        }

        // The image's own HEALTHCHECK, run in the running container, finds the service ready.
        String msaContainer = container(PlatformService.MSA);
        String healthcheck = podman.require(Duration.ofSeconds(30), "image", "inspect", "--format", "{{json .HealthCheck.Test}}",
                image(PlatformService.MSA));
        List<String> test = List.of(JsonMapper.builder().build().readValue(healthcheck, String[].class));
        assertThat(test.getFirst()).isEqualTo("CMD");
        List<String> exec = new ArrayList<>(List.of("exec", msaContainer));
        exec.addAll(test.subList(1, test.size()));
        podman.require(Duration.ofSeconds(30), exec.toArray(String[]::new));

        String password = "Pw-" + UUID.randomUUID();
        String address = "alice@" + DOMAIN;
        int adminPort = ports.get(PlatformService.MDA).get("http");
        admin(http, adminPort, token, "/api/v1/domains", "{\"name\":\"" + DOMAIN + "\"}");
        admin(http, adminPort, token, "/api/v1/accounts", "{\"address\":\"" + address + "\",\"password\":\"" + password + "\"}");

        String subject = "deployed " + UUID.randomUUID();
        submit(ports.get(PlatformService.MSA).get("submission"), address, password, subject, address);

        int imaps = ports.get(PlatformService.IMAP).get("imaps");
        await("the message in the INBOX over IMAPS").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> inboxSubjects("imaps", imaps, address, password).contains(subject));
        if (services.contains(PlatformService.POP3)) {
            assertThat(inboxSubjects("pop3s", ports.get(PlatformService.POP3).get("pop3s"), address, password)).contains(subject);
        }

        // The paths the alerts watch: a delivery refused for quota, a relay to a domain that does not exist.
        admin(http, adminPort, token, "/api/v1/accounts", "{\"address\":\"bob@" + DOMAIN + "\",\"password\":\"" + password + "\",\"quotaBytes\":1}");
        submit(ports.get(PlatformService.MSA).get("submission"), address, password, "over quota", "bob@" + DOMAIN, "nobody@mail-platform.invalid");
        everyMetricTheOperatorsUseIsExposed(http, ports);
    }

    /**
     * Every mail_* name in the alert rules, the dashboard and the docs is exposed by a running
     * service (names of a service this run leaves out are not checked); and the same check reports
     * the misspelled name of a fixture rule file, so it is known to fail when it should.
     */
    private void everyMetricTheOperatorsUseIsExposed(HttpClient http, Map<PlatformService, Map<String, Integer>> ports) throws Exception {
        Map<String, Set<String>> referenced = new TreeMap<>(MetricReferences.ofProject());
        referenced.keySet().removeIf(name -> !services.contains(owner(name)));
        assertThat(referenced).containsKeys("mail_msa_messages_accepted_total", "mail_tls_certificate_expiry_seconds");
        Set<String> exposed = new TreeSet<>();
        try {
            await("every referenced metric exposed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                exposed.clear();
                for (PlatformService service : services) {
                    exposed.addAll(MetricReferences.exposed(http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + ports.get(service).get("http") + "/actuator/prometheus")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()));
                }
                return exposed.containsAll(referenced.keySet());
            });
        } catch (ConditionTimeoutException e) {
            Map<String, Set<String>> missing = new TreeMap<>(referenced);
            missing.keySet().removeAll(exposed);
            throw new AssertionError("metrics used but not exposed by the running services: " + missing, e);
        }

        Map<String, Set<String>> fixture = MetricReferences.ofRules(Path.of(
                PodmanDeploymentTest.class.getResource("/metrics/misspelled-rule.yml").toURI()));
        assertThat(fixture.keySet()).containsExactly("mail_msa_mesages_accepted_total");
        assertThat(exposed).doesNotContainAnyElementsOf(fixture.keySet()).contains("mail_msa_messages_accepted_total");
    }

    /** The service whose meters a name belongs to; any running one for the shared meters (kernel, TLS, Kafka). */
    private PlatformService owner(String metric) {
        for (PlatformService service : PlatformService.values()) {
            String prefix = "mail_" + service.serviceName().replaceFirst("-(service|gateway)$", "") + "_";
            if (metric.startsWith(prefix)) {
                return service;
            }
        }
        return services.getFirst();
    }

    @AfterEach
    void tearDown() {
        if (podman == null || files == null) {
            return;
        }
        for (int i = played.size() - 1; i >= 0; i--) {
            podman.exec(Duration.ofMinutes(2), "kube", "down", played.get(i).toString());
        }
        for (String volume : files.volumes()) {
            podman.exec(Duration.ofSeconds(30), "volume", "rm", "--force", volume);
        }
        for (String secret : createdSecrets) {
            podman.exec(Duration.ofSeconds(30), "secret", "rm", secret);
        }
        for (PlatformService service : services) {
            podman.exec(Duration.ofMinutes(1), "rmi", "--force", image(service));
        }
    }

    private void buildImages() {
        build(services);
        for (PlatformService service : services) {
            assertThat(podman.require(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.User}}", image(service)).strip())
                    .as("%s runs as a non-root user", service).isEqualTo("10001:10001");
        }
        // Reproducible: the same jar on the same base builds the same image, ID and all.
        String first = imageId(PlatformService.MDA);
        build(List.of(PlatformService.MDA));
        assertThat(imageId(PlatformService.MDA)).as("the MDA's image ID, built again").isEqualTo(first);
    }

    private void build(List<PlatformService> which) {
        Map<String, String> environment = new HashMap<>();
        environment.put("IMAGE_TAG", imageTag);
        environment.put("SERVICES", String.join(" ", which.stream().map(PlatformService::serviceName).toList()));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        ExternalTool.Result build = ExternalTool.runCommand(
                List.of(ProjectFiles.resolve("scripts/build-images.sh").toString(), "--skip-jars"),
                ProjectFiles.root(), environment, BUILD_TIMEOUT);
        assertThat(build.succeeded()).as("scripts/build-images.sh:\n%s", build.output()).isTrue();
    }

    private String imageId(PlatformService service) {
        return podman.require(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Id}}", image(service)).strip();
    }

    private String image(PlatformService service) {
        return "localhost/mailplatform/mailplatform-" + service.serviceName() + ":" + imageTag;
    }

    private Map<PlatformService, Map<String, Integer>> freePorts() throws IOException {
        Map<PlatformService, Map<String, Integer>> ports = new LinkedHashMap<>();
        for (PlatformService service : services) {
            Map<String, Integer> own = new LinkedHashMap<>();
            own.put("http", freePort());
            for (PlatformService.MailPort port : service.mailPorts()) {
                own.put(port.listener(), freePort());
            }
            ports.put(service, own);
        }
        return ports;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * One node: one replica each, no autoscaler, no disruption budget, Kafka with one broker, the
     * images built here (pullPolicy Never). Every port is a free loopback port, so the run never
     * meets another stack on this host.
     */
    private String values(Map<PlatformService, Map<String, Integer>> ports, String token) throws Exception {
        TestDatabase database = TestDatabase.get();
        String[] certificate = selfSignedCertificate();
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                hostname: mail.%s
                helmHooks: false
                image:
                  registry: localhost
                  organization: mailplatform
                  tag: %s
                  pullPolicy: Never
                database:
                  url: %s
                  username: %s
                  password: "%s"
                kafka:
                  bootstrapServers: %s
                  replicationFactor: 1
                  minInsyncReplicas: 1
                  topicsJob:
                    enabled: false
                adminToken:
                  value: %s
                srs:
                  value: podman-deployment-srs-secret
                tls:
                  create: true
                  certificate: |
                %s
                  key: |
                %s
                mailService:
                  type: ClusterIP
                podDisruptionBudget:
                  enabled: false
                pod:
                  preStopSleepSeconds: 0
                  spreadOverNodes: false
                  javaOptions: -XX:+UseSerialGC -XX:TieredStopAtLevel=1
                config:
                  server:
                    address: 127.0.0.1
                services:
                """.formatted(DOMAIN, imageTag, database.jdbcUrl(), database.username(),
                database.password() == null ? "" : database.password(), TestKafka.get().bootstrapServers(), token,
                certificate[0].indent(4).stripTrailing(), certificate[1].indent(4).stripTrailing()));
        for (PlatformService service : PlatformService.values()) {
            yaml.append("  ").append(service.serviceName()).append(":\n");
            if (!services.contains(service)) {
                yaml.append("    enabled: false\n");
                continue;
            }
            Map<String, Integer> own = ports.get(service);
            yaml.append("""
                        replicas: 1
                        autoscaling:
                          enabled: false
                        httpPort: %d
                        resources:
                          requests: {cpu: 100m, memory: 448Mi}
                          limits: {memory: 448Mi}
                    """.formatted(own.get("http")));
            if (service.speaksMail()) {
                String prefix = service.listenersProperty().substring(0, service.listenersProperty().lastIndexOf('.'));
                yaml.append("    listeners:\n");
                for (PlatformService.MailPort port : service.mailPorts()) {
                    yaml.append("      ").append(port.listener()).append(": {containerPort: ").append(own.get(port.listener())).append("}\n");
                }
                yaml.append("    config: {\"").append(prefix).append(".bind-address\": 127.0.0.1}\n");
            }
        }
        return yaml.toString();
    }

    private String[] selfSignedCertificate() throws IOException {
        Path key = work.resolve("tls.key");
        Path certificate = work.resolve("tls.crt");
        ExternalTool.Result made = ExternalTool.runCommand(List.of("openssl", "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=mail." + DOMAIN,
                        "-keyout", key.toString(), "-out", certificate.toString()),
                work, Map.of(), Duration.ofSeconds(30));
        assertThat(made.succeeded()).as(made.output()).isTrue();
        return new String[] {Files.readString(certificate), Files.readString(key)};
    }

    private static void admin(HttpClient http, int port, String token, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
    }

    private static void submit(int port, String address, String password, String subject, String... recipients) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", TrustAllTls.socketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(address));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("Through the images, the chart and podman.\n");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(address, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Subjects in the INBOX, over "imaps" or "pop3s". */
    private static List<String> inboxSubjects(String protocol, int port, String address, String password) throws Exception {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".ssl.socketFactory", TrustAllTls.socketFactory());
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "30000");
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect("127.0.0.1", port, address, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    subjects.add(message.getSubject());
                }
                return subjects;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private String logs(String container) {
        return podman.exec(Duration.ofSeconds(30), "logs", "--tail", "60", container).output();
    }

    /** The container podman names for a Deployment's first pod. */
    private static String container(PlatformService service) {
        return service.objectName() + "-pod-0-" + service.serviceName();
    }
}
