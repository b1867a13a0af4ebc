package org.mailplatform.msgauth.dkim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * jDKIM's signature record, writing its tags in the order of the template (v= first, b= last)
 * instead of hash order, so the field reads the way people expect it. The order is the same when
 * the record is hashed (without b=) and when it is written out, as it must be.
 */
final class OrderedSignatureRecord extends SignatureRecordImpl {

    OrderedSignatureRecord(String template) {
        super(template);
    }

    @Override
    protected Map<String, CharSequence> newTagValue() {
        return new LinkedHashMap<>();
    }
}
