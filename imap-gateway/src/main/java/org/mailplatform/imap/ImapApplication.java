package org.mailplatform.imap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** imap-gateway: IMAP access (RFC 3501, RFC 9051). */
@SpringBootApplication
public class ImapApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImapApplication.class, args);
    }
}
