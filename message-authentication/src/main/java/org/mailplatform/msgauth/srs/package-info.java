/**
 * The Sender Rewriting Scheme (SRS; Shevek, "Sender Rewriting Scheme", 2004, as implemented by
 * libsrs2 and postsrsd): a forwarder puts its own domain into the envelope sender of mail it
 * passes on, so the receiver's SPF check (RFC 7208) sees the forwarder, while a signed and dated
 * local part carries the original sender back for bounces. Not an RFC; the wire form here is
 * libsrs2's, so addresses made by postsrsd and by this code reverse each other given the same
 * secret.
 */
package org.mailplatform.msgauth.srs;
