package org.mailplatform.tls;

import io.netty.handler.ssl.SslContext;

/**
 * Where a server gets the TLS context for a new handshake. Asked once per handshake, so a source
 * that swaps its context (certificate rotation) affects new connections and STARTTLS upgrades
 * only; a connection that is already encrypted keeps the engine it was created with.
 */
@FunctionalInterface
public interface SslContextSource {

    /** The context to use for the next handshake. */
    SslContext sslContext();
}
