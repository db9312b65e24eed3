package org.wsz6.app;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who ran {@code ./wsz6 run} where the portal is and how to get in. */
@Component
class StartupBanner {

    private final Environment env;

    StartupBanner(Environment env) {
        this.env = env;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        String components = env.getProperty("wsz6.components", "admin,play");
        System.out.println();
        System.out.println("  WSZ6 portal is running at " + base + "/");
        if (components.contains("admin")) {
            System.out.println("  Sign in at " + base + "/login as 'admin' (its password is printed above on the very");
            System.out.println("  first start; to start over, stop the portal and delete " + env.getProperty("wsz6.data-dir") + ").");
        } else {
            System.out.println("  This process runs WSZ6-play only; people arrive by the links WSZ6-admin hands out.");
        }
        System.out.println("  Data (H2 databases, games, mail as files): " + env.getProperty("wsz6.data-dir"));
        System.out.println();
    }
}
