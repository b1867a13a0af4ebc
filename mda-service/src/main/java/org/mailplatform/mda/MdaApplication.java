package org.mailplatform.mda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** mda-service: Delivery into PostgreSQL mailboxes and the admin API. */
@SpringBootApplication
public class MdaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MdaApplication.class, args);
    }
}
