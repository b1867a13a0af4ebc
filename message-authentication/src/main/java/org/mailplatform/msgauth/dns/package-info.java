/** The DNS interface the checks query through; the MTA implements it with its own resolver. */
package org.mailplatform.msgauth.dns;
