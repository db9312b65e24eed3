package org.wsz6.play.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A play server the test starts and stops itself (to restart it on the same data). */
public final class StandalonePlay implements AutoCloseable {

    public final ConfigurableApplicationContext context;
    public final PlayServer server;

    private StandalonePlay(ConfigurableApplicationContext context) {
        this.context = context;
        this.server = new PlayServer(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    public static StandalonePlay start(Path dataDir, String... extraProperties) {
        List<String> props = new ArrayList<>(List.of("server.port=0", "wsz6.components=play",
                "wsz6.data-dir=" + dataDir.toAbsolutePath(), "wsz6.internal.secret=" + PlayServer.SECRET,
                "wsz6.internal.admin-url=http://127.0.0.1:9", "wsz6.bots.move-delay=20ms",
                "spring.main.banner-mode=off"));
        props.addAll(List.of(extraProperties));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PlayTestApplication.class)
                .properties(props.toArray(String[]::new)).run();
        return new StandalonePlay(ctx);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
