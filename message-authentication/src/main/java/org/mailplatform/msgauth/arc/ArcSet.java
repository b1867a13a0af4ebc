package org.mailplatform.msgauth.arc;

import org.mailplatform.msgauth.HeaderSection;

/**
 * The three fields of one ARC instance (RFC 8617 4.1): ARC-Authentication-Results,
 * ARC-Message-Signature and ARC-Seal, all with the same i=.
 */
record ArcSet(int instance, HeaderSection.Field results, HeaderSection.Field messageSignature, HeaderSection.Field seal) {
}
