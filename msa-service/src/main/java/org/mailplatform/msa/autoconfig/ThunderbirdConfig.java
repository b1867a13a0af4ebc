package org.mailplatform.msa.autoconfig;

import static org.mailplatform.msa.autoconfig.Xml.escape;

import java.util.List;

/**
 * Thunderbird's autoconfig file, format clientConfig version 1.1 (Mozilla's "Autoconfiguration"
 * wiki page; not an RFC). One file per domain: the login name is the placeholder
 * {@code %EMAILADDRESS%}, which the client fills in, so the answer names no account.
 */
final class ThunderbirdConfig {

    private ThunderbirdConfig() {
    }

    static String render(String domain, ClientServers servers) {
        StringBuilder xml = new StringBuilder(1024);
        String d = escape(domain);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<clientConfig version=\"1.1\">\n")
                .append("  <emailProvider id=\"").append(d).append("\">\n")
                .append("    <domain>").append(d).append("</domain>\n")
                .append("    <displayName>").append(escape(servers.displayName(domain))).append("</displayName>\n")
                .append("    <displayShortName>").append(d).append("</displayShortName>\n");
        servers("incomingServer", "imap", servers.imap(), xml);
        servers("incomingServer", "pop3", servers.pop3(), xml);
        servers("outgoingServer", "smtp", servers.smtp(), xml);
        xml.append("  </emailProvider>\n</clientConfig>\n");
        return xml.toString();
    }

    private static void servers(String element, String type, List<ClientServers.Endpoint> endpoints, StringBuilder xml) {
        for (ClientServers.Endpoint e : endpoints) {
            xml.append("    <").append(element).append(" type=\"").append(type).append("\">\n")
                    .append("      <hostname>").append(escape(e.host())).append("</hostname>\n")
                    .append("      <port>").append(e.port()).append("</port>\n")
                    .append("      <socketType>").append(e.security().name()).append("</socketType>\n")
                    // Passwords travel only inside TLS (both socket types), so cleartext is safe here.
                    .append("      <authentication>password-cleartext</authentication>\n")
                    .append("      <username>%EMAILADDRESS%</username>\n")
                    .append("    </").append(element).append(">\n");
        }
    }
}
