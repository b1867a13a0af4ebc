package org.mailplatform.msa.autoconfig;

import static org.mailplatform.msa.autoconfig.Xml.escape;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * An Apple configuration profile (a property list, Apple's "Configuration Profile Reference"; not an
 * RFC) holding one {@code com.apple.mail.managed} payload: an IMAP account with its SMTP server,
 * the password asked for on the device. The profile is not signed, so the device shows it as
 * "unverified" before installing; signing needs a key the operator controls and is not done here.
 *
 * <p>The UUIDs are derived from the address, so installing the profile again replaces the account
 * instead of adding a second one.
 */
final class AppleMailProfile {

    private AppleMailProfile() {
    }

    static String render(SetupAddress address, ClientServers servers) {
        ClientServers.Endpoint imap = servers.imap().getFirst();
        ClientServers.Endpoint smtp = servers.smtp().getFirst();
        String a = escape(address.address());
        String identifier = escape(reverse(address.domain()) + ".mailplatform.mail");
        StringBuilder plist = new StringBuilder(3072);
        plist.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>PayloadContent</key>
                  <array>
                    <dict>
                """);
        entry(plist, "EmailAccountDescription", a);
        entry(plist, "EmailAccountType", "EmailTypeIMAP");
        entry(plist, "EmailAddress", a);
        entry(plist, "IncomingMailServerAuthentication", "EmailAuthPassword");
        entry(plist, "IncomingMailServerHostName", escape(imap.host()));
        integer(plist, "IncomingMailServerPortNumber", imap.port());
        // UseSSL also covers STARTTLS on the plain port: the device upgrades before it logs in.
        bool(plist, "IncomingMailServerUseSSL", true);
        entry(plist, "IncomingMailServerUsername", a);
        entry(plist, "OutgoingMailServerAuthentication", "EmailAuthPassword");
        entry(plist, "OutgoingMailServerHostName", escape(smtp.host()));
        integer(plist, "OutgoingMailServerPortNumber", smtp.port());
        bool(plist, "OutgoingMailServerUseSSL", true);
        entry(plist, "OutgoingMailServerUsername", a);
        bool(plist, "OutgoingPasswordSameAsIncomingPassword", true);
        entry(plist, "PayloadDescription", "Mail account " + a);
        entry(plist, "PayloadDisplayName", a);
        entry(plist, "PayloadIdentifier", identifier + ".account." + uuid("account", address));
        entry(plist, "PayloadType", "com.apple.mail.managed");
        entry(plist, "PayloadUUID", uuid("account", address));
        integer(plist, "PayloadVersion", 1);
        bool(plist, "PreventAppSheet", false);
        bool(plist, "PreventMove", false);
        bool(plist, "SMIMEEnabled", false);
        plist.append("    </dict>\n  </array>\n");
        entry(plist, "PayloadDescription", "Sets up the mail account " + a);
        entry(plist, "PayloadDisplayName", escape(servers.displayName(address.domain())) + " mail: " + a);
        entry(plist, "PayloadIdentifier", identifier + "." + uuid("profile", address));
        bool(plist, "PayloadRemovalDisallowed", false);
        entry(plist, "PayloadType", "Configuration");
        entry(plist, "PayloadUUID", uuid("profile", address));
        integer(plist, "PayloadVersion", 1);
        plist.append("</dict>\n</plist>\n");
        return plist.toString();
    }

    private static void entry(StringBuilder plist, String key, String escapedValue) {
        plist.append("<key>").append(key).append("</key><string>").append(escapedValue).append("</string>\n");
    }

    private static void integer(StringBuilder plist, String key, int value) {
        plist.append("<key>").append(key).append("</key><integer>").append(value).append("</integer>\n");
    }

    private static void bool(StringBuilder plist, String key, boolean value) {
        plist.append("<key>").append(key).append("</key>").append(value ? "<true/>" : "<false/>").append('\n');
    }

    private static String uuid(String kind, SetupAddress address) {
        return UUID.nameUUIDFromBytes((kind + ":" + address.address()).getBytes(StandardCharsets.UTF_8))
                .toString().toUpperCase(Locale.ROOT);
    }

    private static String reverse(String domain) {
        String[] labels = domain.split("\\.");
        StringBuilder out = new StringBuilder(domain.length());
        for (int i = labels.length - 1; i >= 0; i--) {
            out.append(labels[i]);
            if (i > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }
}
