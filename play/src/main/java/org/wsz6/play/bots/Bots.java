package org.wsz6.play.bots;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The bot kinds a session owner may seat: {@code random}, {@code first}, and {@code llm} when an
 * admin configured an OpenAI-compatible endpoint ({@code wsz6.bots.llm.url}, {@code .model},
 * {@code .key}, {@code .time-limit-ms}).
 */
@Service
public class Bots {

    private final List<Bot> bots = new ArrayList<>();

    public Bots(Environment env) {
        bots.add(new RandomBot());
        bots.add(new FirstOptionBot());
        String url = env.getProperty("wsz6.bots.llm.url");
        if (url != null && !url.isBlank()) {
            bots.add(new LlmBot(url, env.getProperty("wsz6.bots.llm.model", "gpt-4o-mini"),
                    env.getProperty("wsz6.bots.llm.key"),
                    Duration.ofMillis(env.getProperty("wsz6.bots.llm.time-limit-ms", Long.class, 8000L))));
        }
    }

    public Optional<Bot> ofKind(String kind) {
        return bots.stream().filter(b -> b.kind().equals(kind)).findFirst();
    }

    public List<String> kinds() {
        return bots.stream().map(Bot::kind).toList();
    }
}
