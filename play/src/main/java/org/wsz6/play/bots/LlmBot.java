package org.wsz6.play.bots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsz6.play.gamehost.StepResult;

/**
 * A language-model player over an OpenAI-compatible chat-completions endpoint. It sends its role's
 * text view and operator list and expects {@code {"op_index": N, "args": [...]}}. A slow, failing or
 * invalid answer falls back to a random move, so the game never waits longer than the time limit.
 */
public class LlmBot implements Bot {

    private static final Logger log = LoggerFactory.getLogger(LlmBot.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);

    private final URI endpoint;
    private final String model;
    private final String key;
    private final Duration timeLimit;
    private final HttpClient http;
    private final RandomBot fallback = new RandomBot();

    public LlmBot(String baseUrl, String model, String key, Duration timeLimit) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base.endsWith("/chat/completions") ? base : base + "/chat/completions");
        this.model = model;
        this.key = key;
        this.timeLimit = timeLimit;
        this.http = HttpClient.newBuilder().connectTimeout(timeLimit).build();
    }

    @Override
    public String kind() {
        return "llm";
    }

    @Override
    public BotMove choose(String gameTitle, String roleName, StepResult.RoleView view) {
        if (view == null || view.operators() == null || view.operators().isEmpty()) {
            return null;
        }
        try {
            BotMove move = ask(gameTitle, roleName, view);
            if (move != null) {
                return move;
            }
        } catch (Exception e) {
            log.info("LLM bot fell back to a random move: {}", e.toString());
        }
        BotMove random = fallback.choose(gameTitle, roleName, view);
        return new BotMove(random.opIndex(), random.args(), "llm fallback: random");
    }

    private BotMove ask(String gameTitle, String roleName, StepResult.RoleView view) throws Exception {
        StringBuilder prompt = new StringBuilder();
        prompt.append("You play the role \"").append(roleName).append("\" in the game \"").append(gameTitle)
                .append("\".\nWhat you see:\n").append(view.text()).append("\n\nOperators you may apply now:\n");
        for (var op : view.operators()) {
            prompt.append(op.index()).append(": ").append(op.name());
            if (op.description() != null && !op.description().isBlank()) {
                prompt.append(" — ").append(op.description());
            }
            if (op.params() != null && !op.params().isEmpty()) {
                prompt.append(" (parameters: ");
                for (var p : op.params()) {
                    prompt.append(p.name()).append(" ").append(p.type() == null ? "str" : p.type());
                    if (p.min() != null || p.max() != null) {
                        prompt.append(" [").append(p.min()).append("..").append(p.max()).append("]");
                    }
                    prompt.append("; ");
                }
                prompt.append(")");
            }
            prompt.append("\n");
        }
        prompt.append("\nAnswer with JSON only: {\"op_index\": <number>, \"args\": [<arguments in order>]}");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(
                Map.of("role", "system", "content", "You are a careful game-playing agent. Reply with JSON only."),
                Map.of("role", "user", "content", prompt.toString())));
        body.put("temperature", 0.2);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeLimit)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            log.info("LLM endpoint answered {}", response.statusCode());
            return null;
        }
        String content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText("");
        Matcher m = JSON_OBJECT.matcher(content);
        if (!m.find()) {
            return null;
        }
        JsonNode answer = JSON.readTree(m.group());
        if (!answer.path("op_index").canConvertToInt()) {
            return null;
        }
        int index = answer.path("op_index").asInt();
        var op = view.operators().stream().filter(o -> o.index() == index).findFirst().orElse(null);
        if (op == null) {
            return null;
        }
        List<Object> args = new ArrayList<>();
        answer.path("args").forEach(a -> args.add(a.isNumber() ? a.numberValue() : a.asText()));
        int expected = op.params() == null ? 0 : op.params().size();
        if (args.size() != expected) {
            args.clear();
            args.addAll(RandomArguments.forOperator(op));
        }
        return new BotMove(index, args, "llm");
    }
}
