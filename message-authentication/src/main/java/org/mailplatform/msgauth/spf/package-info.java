/** SPF (RFC 7208): may this client address send mail for the MAIL FROM (or HELO) domain. */
package org.mailplatform.msgauth.spf;
