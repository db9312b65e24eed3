package org.wsz6.play.bots;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsz6.play.gamehost.StepResult;

/** The language-model bot against a local OpenAI-compatible stub: good answers, bad ones, slow and failing endpoints. */
class LlmBotTest {

    private HttpServer stub;
    private final AtomicReference<String> lastRequest = new AtomicReference<>();

    private static final StepResult.RoleView VIEW = new StepResult.RoleView(1, "You are O. The centre is free.", null, List.of(
            new StepResult.OperatorView(2, "Mark the top right cell", "", List.of(), false),
            new StepResult.OperatorView(4, "Guess", "Say a number",
                    List.of(new StepResult.ParamSpec("n", "int", 1.0, 9.0, null, null)), false)));

    private String start(int status, String content, long delayMs) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "\nAuthorization: " + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException ignored) {
                return;
            }
            String body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(content) + "}}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
        return "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void readsItsRolesViewAndOperatorsAndAppliesTheAnsweredOperator() throws Exception {
        LlmBot bot = new LlmBot(start(200, "Sure: {\"op_index\": 4, \"args\": [7]}", 0), "test-model", "k-123", Duration.ofSeconds(5));
        BotMove move = bot.choose("Tic-Tac-Toe", "O", VIEW);
        assertThat(move.opIndex()).isEqualTo(4);
        assertThat(move.args()).containsExactly(7);
        assertThat(move.reason()).isEqualTo("llm");
        assertThat(lastRequest.get()).contains("test-model").contains("You are O. The centre is free.")
                .contains("4: Guess").contains("Authorization: Bearer k-123");
    }

    @Test
    void anInvalidAnswerFallsBackToARandomMove() throws Exception {
        LlmBot bot = new LlmBot(start(200, "{\"op_index\": 99}", 0), "m", null, Duration.ofSeconds(5));
        BotMove move = bot.choose("Tic-Tac-Toe", "O", VIEW);
        assertThat(move.reason()).contains("fallback");
        assertThat(move.opIndex()).isIn(2, 4);
    }

    @Test
    void aFailingEndpointFallsBackToARandomMove() throws Exception {
        LlmBot bot = new LlmBot(start(500, "boom", 0), "m", null, Duration.ofSeconds(5));
        assertThat(bot.choose("Tic-Tac-Toe", "O", VIEW).reason()).contains("fallback");
    }

    @Test
    void aSlowEndpointFallsBackAfterTheTimeLimit() throws Exception {
        LlmBot bot = new LlmBot(start(200, "{\"op_index\": 2, \"args\": []}", 3000), "m", null, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        BotMove move = bot.choose("Tic-Tac-Toe", "O", VIEW);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
        assertThat(move.reason()).contains("fallback");
        if (move.opIndex() == 4) {
            assertThat(((Number) move.args().get(0)).longValue()).isBetween(1L, 9L);
        }
    }
}
