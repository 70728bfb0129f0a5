package dev.fjord;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FjordApplication {
    public static void main(String[] args) {
        SpringApplication.run(FjordApplication.class, args);
    }
}
