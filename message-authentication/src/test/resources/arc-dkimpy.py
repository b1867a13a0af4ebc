"""ARC signing and verification by an independent implementation (dkimpy), for the ARC tests.

  arc-dkimpy.py sign RECORDS SELECTOR DOMAIN KEYFILE AUTHSERV_ID < message > sealed message
  arc-dkimpy.py verify RECORDS < message                         > "<cv> <reason>"

A chain dkimpy finds ended by an earlier cv=fail is reported as "terminated".

RECORDS is a JSON object mapping DNS names to TXT record text: the keys are looked up there, not in DNS.
"""
import json
import sys

import dkim


def main():
    command, records_file = sys.argv[1], sys.argv[2]
    with open(records_file) as f:
        records = json.load(f)

    def txt(name, timeout=5):
        text = records.get((name.decode() if isinstance(name, bytes) else name).rstrip('.'))
        return text.encode() if text is not None else None

    message = sys.stdin.buffer.read()
    if command == 'sign':
        selector, domain, key_file, authserv_id = sys.argv[3:7]
        with open(key_file, 'rb') as f:
            key = f.read()
        fields = dkim.arc_sign(message, selector.encode(), domain.encode(), key, authserv_id.encode())
        if not fields:
            sys.exit('no ARC set added')
        sys.stdout.buffer.write(b''.join(fields) + message)
    elif command == 'verify':
        cv, _, reason = dkim.arc_verify(message, dnsfunc=txt)
        print(cv.decode() if cv else 'terminated', reason)
    else:
        sys.exit('unknown command ' + command)


main()
