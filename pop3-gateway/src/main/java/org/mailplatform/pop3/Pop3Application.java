package org.mailplatform.pop3;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** pop3-gateway: POP3 access (RFC 1939). */
@SpringBootApplication
public class Pop3Application {

    public static void main(String[] args) {
        SpringApplication.run(Pop3Application.class, args);
    }
}
