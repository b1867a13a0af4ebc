package org.mailplatform.mta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** mta-service: Mail transfer: inbound port 25, outbound relay, bounces. */
@SpringBootApplication
public class MtaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MtaApplication.class, args);
    }
}
