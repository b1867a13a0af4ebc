package org.mailplatform.auth.sasl;

import java.net.InetAddress;

import org.mailplatform.auth.LoginProtocol;

/**
 * What an exchange needs to know about the connection it runs on.
 *
 * @param client         the client's address, for failure throttling (may be null)
 * @param protocol       the protocol, for app passwords limited to some (null: not said, only
 *                       unrestricted app passwords work)
 * @param channelBinding the TLS channel binding, none without TLS 1.3 (SCRAM-SHA-256-PLUS needs one)
 */
public record LoginContext(InetAddress client, LoginProtocol protocol, ChannelBinding channelBinding) {

    public LoginContext {
        channelBinding = channelBinding == null ? ChannelBinding.none() : channelBinding;
    }

    public static LoginContext of(InetAddress client) {
        return new LoginContext(client, null, ChannelBinding.none());
    }
}
