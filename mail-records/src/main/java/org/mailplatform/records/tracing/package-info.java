/**
 * One trace per message across the services: spans around each step a message takes (SMTP
 * receipt, MTA routing and remote delivery, MDA storage, IMAP IDLE push), tagged with the queue
 * id and the Message-ID, with the W3C trace context (W3C Trace Context, {@code traceparent} /
 * {@code tracestate}) carried in the Kafka record headers from one service to the next.
 * <p>
 * {@link org.mailplatform.records.tracing.MailTracing#OFF} does nothing at all; it is what every
 * service uses unless {@code mailplatform.tracing.enabled=true}, so a platform without tracing
 * does no tracing work per message.
 */
package org.mailplatform.records.tracing;
