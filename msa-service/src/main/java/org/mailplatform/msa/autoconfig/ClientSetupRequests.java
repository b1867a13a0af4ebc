package org.mailplatform.msa.autoconfig;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.mailplatform.store.account.DomainName;

/**
 * Which answer a request gets, without sockets. Answers depend on the domain alone: an address of a
 * local domain gets the platform's servers whether or not its account exists, an address of any
 * other domain gets 404, so neither accounts nor their absence can be probed here.
 *
 * <ul>
 *   <li>{@code GET /mail/config-v1.1.xml?emailaddress=} and
 *       {@code GET /.well-known/autoconfig/mail/config-v1.1.xml}: Thunderbird's autoconfig; without the
 *       parameter the domain comes from the Host name ({@code autoconfig.<domain>} or the domain itself).</li>
 *   <li>{@code POST /autodiscover/autodiscover.xml}, path in any letter case: Microsoft Autodiscover POX.</li>
 *   <li>{@code GET /apple/mail.mobileconfig?emailaddress=}: an Apple configuration profile.</li>
 * </ul>
 */
final class ClientSetupRequests {

    static final String THUNDERBIRD = "/mail/config-v1.1.xml";
    static final String THUNDERBIRD_WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml";
    static final String AUTODISCOVER = "/autodiscover/autodiscover.xml";
    static final String APPLE = "/apple/mail.mobileconfig";

    private final ClientServers servers;
    private final Predicate<String> localDomain;

    /** @param localDomain whether a normalised domain name is one of ours */
    ClientSetupRequests(ClientServers servers, Predicate<String> localDomain) {
        this.servers = servers;
        this.localDomain = localDomain;
    }

    HttpAnswer answer(String method, String path, Map<String, List<String>> query, String host, byte[] body) {
        String route = path.toLowerCase(Locale.ROOT);
        return switch (route) {
            case THUNDERBIRD, THUNDERBIRD_WELL_KNOWN -> get(method, () -> thunderbird(query, host));
            case AUTODISCOVER -> "POST".equals(method) ? autodiscover(body)
                    : HttpAnswer.error(405, "Autodiscover requests are POSTed").withHeader("Allow", "POST");
            case APPLE -> get(method, () -> apple(query));
            default -> HttpAnswer.error(404, "not found");
        };
    }

    private static HttpAnswer get(String method, Supplier<HttpAnswer> answer) {
        return "GET".equals(method) ? answer.get() : HttpAnswer.error(405, "only GET").withHeader("Allow", "GET");
    }

    private HttpAnswer thunderbird(Map<String, List<String>> query, String host) {
        Optional<String> domain;
        if (query.containsKey("emailaddress")) {
            domain = emailAddress(query).map(SetupAddress::domain);
        } else {
            domain = domainOfHost(host);
        }
        if (domain.isEmpty()) {
            return HttpAnswer.error(400, "give the address as ?emailaddress=");
        }
        if (!localDomain.test(domain.get())) {
            return HttpAnswer.error(404, "no configuration for this domain");
        }
        return HttpAnswer.ok(HttpAnswer.XML, ThunderbirdConfig.render(domain.get(), servers));
    }

    private HttpAnswer autodiscover(byte[] body) {
        AutodiscoverPox.Request request;
        try {
            request = AutodiscoverPox.parse(body);
        } catch (AutodiscoverPox.BadRequest e) {
            return HttpAnswer.error(400, "not an Autodiscover request: " + e.getMessage());
        }
        if (!request.wantsOutlookSchema()) {
            return HttpAnswer.ok(HttpAnswer.XML, AutodiscoverPox.schemaNotAvailable());
        }
        Optional<SetupAddress> address = SetupAddress.parse(request.emailAddress());
        if (address.isEmpty()) {
            return HttpAnswer.error(400, "EMailAddress is not an address");
        }
        if (!localDomain.test(address.get().domain())) {
            return HttpAnswer.error(404, "no configuration for this domain");
        }
        return HttpAnswer.ok(HttpAnswer.XML, AutodiscoverPox.render(address.get(), servers));
    }

    private HttpAnswer apple(Map<String, List<String>> query) {
        Optional<SetupAddress> address = emailAddress(query);
        if (address.isEmpty()) {
            return HttpAnswer.error(400, "give the address as ?emailaddress=");
        }
        if (!localDomain.test(address.get().domain()) || servers.imap().isEmpty() || servers.smtp().isEmpty()) {
            return HttpAnswer.error(404, "no configuration for this domain");
        }
        String filename = address.get().domain() + ".mobileconfig";
        return HttpAnswer.ok(HttpAnswer.APPLE_CONFIG, AppleMailProfile.render(address.get(), servers))
                .withHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    private static Optional<SetupAddress> emailAddress(Map<String, List<String>> query) {
        List<String> values = query.getOrDefault("emailaddress", List.of());
        if (values.size() != 1) {
            return Optional.empty();
        }
        // An unencoded '+' (alice+lists@) reaches here as a space under form decoding; an address
        // has no spaces, so it can only have been a '+'.
        return SetupAddress.parse(values.getFirst().replace(' ', '+'));
    }

    /** {@code autoconfig.example.org[:443]} and {@code example.org} both name example.org. */
    private static Optional<String> domainOfHost(String host) {
        if (host == null || host.isBlank() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = host.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("autoconfig.")) {
            name = name.substring("autoconfig.".length());
        }
        return DomainName.normalize(name);
    }
}
