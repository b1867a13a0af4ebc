/** The Authentication-Results header field (RFC 8601): writing this server's, removing forged ones. */
package org.mailplatform.msgauth.results;
