package org.wsz6.play.ws;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.wsz6.play.cluster.ClusterRouter;
import org.wsz6.play.session.SessionRegistry;

/**
 * Registers {@code /play/ws}. Same-origin only (the page and the socket share the host). The
 * container's per-connection text buffer is small ({@link PlayWebSocketHandler#FRAGMENT_CHARS});
 * longer messages arrive in parts, which the handler joins up to the protocol's 64 KiB limit, so an
 * oversize message is still answered with {@code too_large} instead of a dropped connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class PlayWebSocketConfig implements WebSocketConfigurer {

    private final PlayWebSocketHandler handler;
    private final SessionRegistry sessions;

    public PlayWebSocketConfig(SessionRegistry sessions, ClusterRouter router, Environment env) {
        this.sessions = sessions;
        this.handler = new PlayWebSocketHandler(sessions, router,
                env.getProperty("wsz6.play.rate-limit.per-second", Long.class, 20L),
                env.getProperty("wsz6.play.rate-limit.burst", Long.class, 40L));
    }

    @Bean
    PlayWebSocketHandler playWebSocketHandler() {
        return handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/play/ws").addInterceptors(new PlayHandshakeInterceptor(sessions));
    }

    @Bean
    ServletServerContainerFactoryBean playWebSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        // Tomcat allocates this buffer (in chars, 2 bytes each) for every connection up front: a
        // small one keeps an idle connection cheap; the handler assembles longer messages from parts.
        container.setMaxTextMessageBufferSize(PlayWebSocketHandler.FRAGMENT_CHARS);
        container.setMaxSessionIdleTimeout(10 * 60 * 1000L);
        return container;
    }
}
