package org.mailplatform.msa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** msa-service: Authenticated submission (RFC 6409). */
@SpringBootApplication
public class MsaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MsaApplication.class, args);
    }
}
