package org.wsz6.play.session;

import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tunables of live sessions ({@code wsz6.play.*}, {@code wsz6.bots.*}). */
@Component
public class SessionSettings {

    private final Duration reconnectWindow;
    private final Duration botDelay;
    private final Duration commandTimeout;
    private final Duration debugLogRetention;
    private final Duration idleSessionTimeout;

    @org.springframework.beans.factory.annotation.Autowired
    public SessionSettings(Environment env) {
        this(env.getProperty("wsz6.play.reconnect-window", Duration.class, Duration.ofMinutes(3)),
                env.getProperty("wsz6.bots.move-delay", Duration.class, Duration.ofMillis(400)),
                env.getProperty("wsz6.play.command-timeout", Duration.class, Duration.ofSeconds(30)),
                env.getProperty("wsz6.play.debug-log-retention", Duration.class, Duration.ofDays(7)),
                env.getProperty("wsz6.play.idle-session-timeout", Duration.class, Duration.ofHours(24)));
    }

    public SessionSettings(Duration reconnectWindow, Duration botDelay, Duration commandTimeout, Duration debugLogRetention,
                           Duration idleSessionTimeout) {
        this.idleSessionTimeout = idleSessionTimeout;
        this.reconnectWindow = reconnectWindow;
        this.botDelay = botDelay;
        this.commandTimeout = commandTimeout;
        this.debugLogRetention = debugLogRetention;
    }

    public Duration reconnectWindow() { return reconnectWindow; }
    public Duration botDelay() { return botDelay; }
    public Duration commandTimeout() { return commandTimeout; }
    public Duration debugLogRetention() { return debugLogRetention; }
    public Duration idleSessionTimeout() { return idleSessionTimeout; }
}
