package org.wsz6.app;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who ran {@code ./wsz6 run} where the portal is. */
@Component
class StartupBanner {

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            System.out.println();
            System.out.println("  WSZ6 portal is running at http://localhost:" + port + "/");
            System.out.println();
        }
    }
}
