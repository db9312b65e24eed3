package org.wsz6.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.HttpPlayApi;
import org.wsz6.contract.v1.LaunchRequest;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.PlayApi;
import org.wsz6.contract.v1.UserRef;

/**
 * Real browsers (headless Chromium) against the packaged portal running as its own process. Sessions
 * are launched the way WSZ6-admin launches them: through play's internal API with the shared secret.
 */
class PlayInBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UserRef OWNER = new UserRef(1, "olga", "Olga Owner", "SESSION_OWNER");
    static PortalProcess portal;

    @BeforeAll
    static void startPortal() {
        assumeTrue(HeadlessChromium.available(), "chromium and chromedriver are needed (see .ci/run)");
        portal = new PortalProcess(Path.of("target/e2e-data/browser-" + System.nanoTime())).start();
    }

    @AfterAll
    static void stopPortal() {
        if (portal != null) {
            portal.close();
        }
    }

    static PlayApi playApi() {
        return new HttpPlayApi(new InternalHttpClient(portal::baseUrl, portal.secret(), Duration.ofSeconds(30)));
    }

    static LaunchResponse launch(String game) {
        Path folder = PortalProcess.repoRoot().resolve("games").resolve(game);
        return playApi().launch(new LaunchRequest(game.toLowerCase(), "1", game, folder.toString(), OWNER,
                Map.of(), false, null, Map.of(), false));
    }

    @Test
    void twoBrowsersPlayTicTacToeToAWinAndTheGuestJoinsByInviteLink() {
        LaunchResponse session = launch("TicTacToe");
        try (PlayerPage olga = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage bruno = new PlayerPage(portal.baseUrl(), 390, 844)) {
            olga.open(session.ownerUrl()).waitFor(By.id("lobby"));
            olga.clickTestId("take-role-0");
            bruno.join(session.inviteUrl(), "Bruno");
            bruno.clickTestId("take-role-1");
            olga.waitForText(By.cssSelector("[data-testid='seat-1']"), "Bruno");
            olga.screenshot("play-lobby");
            olga.click(By.id("start-game"));

            olga.clickInVis("[data-op-index='4']");              // X takes the centre by clicking the board
            bruno.waitForText(By.id("text-view"), "X");
            bruno.clickTestId("op-0");                            // O: top-left, with the operator button
            olga.waitForText(By.id("transition-log"), "O");
            olga.clickTestId("op-3");
            bruno.clickTestId("op-1");
            olga.screenshot("play-game");
            bruno.screenshot("play-game-phone");
            olga.clickTestId("op-5");                              // X completes the middle row

            olga.waitForText(By.id("goal-message"), "X");
            bruno.waitForText(By.id("goal-message"), "X");
            olga.screenshot("play-goal");
            for (String frame : bruno.frames()) {
                assertThat(frame).doesNotContain("state_json").doesNotContain("snapshot");
            }
        }
    }

    @Test
    void rockPaperScissorsChoicesStaySecretUntilTheReveal() throws Exception {
        LaunchResponse session = launch("RockPaperScissors");
        try (PlayerPage ann = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage ben = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            ann.open(session.ownerUrl()).waitFor(By.id("lobby"));
            ann.clickTestId("take-role-0");
            ben.join(session.inviteUrl(), "Ben");
            ben.clickTestId("take-role-1");
            ann.waitForText(By.cssSelector("[data-testid='seat-1']"), "Ben");
            ann.click(By.id("start-game"));

            ann.clickTestId("op-2");                               // Player 1 secretly picks scissors
            ann.waitForText(By.id("transition-log"), "Player 1");
            Thread.sleep(500);                                     // let anything that would leak arrive
            assertNoMentionOfScissors(ben.frames());
            ben.clickTestId("op-3");                               // Player 2 picks rock
            ben.waitForText(By.id("transition-log"), "scissors");   // revealed only now
        }
    }

    /** Ben's own operator list legitimately names scissors; nothing else he receives may. */
    private static void assertNoMentionOfScissors(List<String> frames) throws Exception {
        for (String frame : frames) {
            JsonNode m = JSON.readTree(frame);
            if (m.has("operators")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("operators");
            }
            assertThat(m.toString().toLowerCase()).as("a frame Player 2 received").doesNotContain("scissors");
        }
    }

    @Test
    void aSigkilledServerComesBackAndThePlayersContinueFromTheLastAcknowledgedMove() throws Exception {
        LaunchResponse session = launch("TicTacToe");
        try (PlayerPage olga = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage bruno = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            olga.open(session.ownerUrl()).waitFor(By.id("lobby"));
            olga.clickTestId("take-role-0");
            bruno.join(session.inviteUrl(), "Bruno");
            bruno.clickTestId("take-role-1");
            olga.waitForText(By.cssSelector("[data-testid='seat-1']"), "Bruno");
            olga.click(By.id("start-game"));
            olga.clickTestId("op-0");
            bruno.clickTestId("op-4");
            olga.clickTestId("op-1");                               // step 3 acknowledged...
            bruno.waitFor(By.cssSelector("[data-testid='op-8']"));  // ...and O to move

            portal.kill();
            portal.start();

            // The pages reconnect by themselves; O's move continues the same game.
            bruno.clickTestId("op-8");
            olga.clickTestId("op-2");                               // X completes the top row
            olga.waitForText(By.id("goal-message"), "X");
            bruno.waitForText(By.id("goal-message"), "X");
        }
    }
}
