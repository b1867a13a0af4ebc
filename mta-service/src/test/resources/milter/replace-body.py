"""A milter built on libmilter (pymilter) that replaces the body of every message, for the MTA's tests.

  replace-body.py PORT

Listens on 127.0.0.1:PORT. At end of message it adds the header "X-Body-Replaced: yes" and
replaces the body with three lines written with bare LF, in two SMFIR_REPLBODY packets.
"""
import sys

import Milter


class BodyReplacer(Milter.Base):

    def eom(self):
        self.addheader('X-Body-Replaced', 'yes')
        self.replacebody(b'Replaced by the milter.\n')
        self.replacebody(b'Second line\n\nLast line without end')
        return Milter.CONTINUE


Milter.factory = BodyReplacer
Milter.set_flags(Milter.ADDHDRS | Milter.CHGBODY)
Milter.runmilter('replace-body', 'inet:%s@127.0.0.1' % sys.argv[1], 60)
