/**
 * The one declaration of the platform's Kafka topics: names, who writes and reads them,
 * partitions, retention and size limits ({@link org.mailplatform.records.topics.MailTopics}),
 * and the remote-delivery retry tiers ({@link org.mailplatform.records.topics.RetryTier},
 * RFC 5321 4.5.4.1). The Helm chart's topic list mirrors {@code MailTopics.defaults()}.
 */
package org.mailplatform.records.topics;
