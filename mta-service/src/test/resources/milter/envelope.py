"""A milter built on libmilter (pymilter) that changes the envelope, for the MTA's tests.

  envelope.py PORT

Listens on 127.0.0.1:PORT. At end of message, by the Subject:
  "reroute ..."  changes the sender to <list-bounces@lists.test>, deletes every recipient, adds
                 <erin@reroute.example.test> and <x@elsewhere.test> (not ours: the MTA must drop it)
  "drop ..."     deletes every recipient
anything else is left alone.
"""
import sys

import Milter


class EnvelopeChanger(Milter.Base):

    def __init__(self):
        self.recipients = []
        self.subject = ''

    def envrcpt(self, to, *args):
        self.recipients.append(to)
        return Milter.CONTINUE

    def header(self, name, value):
        if name.lower() == 'subject':
            self.subject = value
        return Milter.CONTINUE

    def eom(self):
        if self.subject.startswith('reroute') or self.subject.startswith('drop'):
            for rcpt in self.recipients:
                self.delrcpt(rcpt)
        if self.subject.startswith('reroute'):
            self.chgfrom('<list-bounces@lists.test>')
            self.addrcpt('<erin@reroute.example.test>')
            self.addrcpt('<x@elsewhere.test>')
        return Milter.CONTINUE


Milter.factory = EnvelopeChanger
Milter.set_flags(Milter.ADDRCPT | Milter.DELRCPT | Milter.CHGFROM)
Milter.runmilter('envelope', 'inet:%s@127.0.0.1' % sys.argv[1], 60)
