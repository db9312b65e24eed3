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
        portal = new PortalProcess(Path.of("target/e2e-data/browser-" + System.nanoTime()),
                "--wsz6.install.sample-games=false").start(); // sessions are launched by folder, not from the catalogue
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

    /** The owner opens the lobby and sits as role 0; the guest joins by the invite link and sits as role 1. */
    private static void seatBothAndOpenLobby(LaunchResponse session, PlayerPage owner, PlayerPage guest, String guestName) {
        owner.open(session.ownerUrl()).waitFor(By.id("lobby"));
        owner.clickTestId("take-role-0");
        guest.join(session.inviteUrl(), guestName);
        guest.clickTestId("take-role-1");
        owner.waitForText(By.cssSelector("[data-testid='seat-1']"), guestName);
    }

    @Test
    void twoBrowsersPlayTicTacToeToAWinAndTheGuestJoinsByInviteLink() {
        LaunchResponse session = launch("TicTacToe");
        try (PlayerPage olga = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage bruno = new PlayerPage(portal.baseUrl(), 390, 844)) {
            seatBothAndOpenLobby(session, olga, bruno, "Bruno");
            olga.screenshot("play-lobby");
            olga.click(By.id("start-game"));

            olga.clickInVis("[data-op-index='4']");              // X takes the centre by clicking the board
            bruno.clickTestId("op-0");                            // O's turn now: top-left, with the operator button
            olga.waitForText(By.id("transition-log"), "O");
            olga.clickTestId("op-3");
            bruno.pressEnterOn("op-1");                           // keyboard only, on the phone-sized page
            olga.waitForText(By.id("transition-log"), "top centre");
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
        // What Player 2 receives after Player 1's secret pick must not depend on that pick at all.
        List<String> afterScissors = whatPlayer2SeesAfterPlayer1Picks("op-2", false);
        List<String> afterPaper = whatPlayer2SeesAfterPlayer1Picks("op-1", true);
        assertThat(afterScissors).isNotEmpty().isEqualTo(afterPaper);
    }

    /** Plays one round's first half in a new session; returns Player 2's frames from Player 1's pick on. */
    private List<String> whatPlayer2SeesAfterPlayer1Picks(String pick, boolean thenReveal) throws Exception {
        LaunchResponse session = launch("RockPaperScissors");
        try (PlayerPage ann = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage ben = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            seatBothAndOpenLobby(session, ann, ben, "Ben");
            ann.click(By.id("start-game"));
            ben.waitFor(By.cssSelector("[data-testid='op-3']"));
            int before = ben.frames().size();

            ann.clickTestId(pick);
            ben.waitForText(By.id("transition-log"), "Player 1");
            Thread.sleep(500); // let anything that would leak arrive
            List<String> seen = ben.frames().subList(before, ben.frames().size()).stream()
                    .map(PlayInBrowserIT::withoutTimestamps).toList();
            if (thenReveal) {
                ben.clickTestId("op-3");                          // Player 2 picks rock
                ann.clickTestId("op-6");                          // and the round is revealed
                ben.waitForText(By.id("transition-log"), "paper"); // only now does Player 2 learn it
            }
            return seen;
        }
    }

    private static String withoutTimestamps(String frame) {
        try {
            JsonNode m = JSON.readTree(frame);
            if (m instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.remove(List.of("t", "ts", "at", "time", "ref"));
            }
            return m.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOwnerPausesTheServerRestartsAndTheGameContinuesWhereItStopped() {
        LaunchResponse session = launch("TicTacToe");
        try (PlayerPage olga = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage bruno = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            seatBothAndOpenLobby(session, olga, bruno, "Bruno");
            olga.click(By.id("start-game"));
            olga.clickTestId("op-0");
            bruno.clickTestId("op-4");                               // two moves, then a break

            olga.click(By.id("pause-button"));
            bruno.waitFor(By.id("paused-banner"));
            portal.close();                                          // an orderly stop, e.g. for an upgrade
            portal.start();

            olga.waitUntilConnected();                               // the pages reconnect by themselves
            olga.click(By.id("resume-button"));
            olga.clickTestId("op-1");
            bruno.clickTestId("op-8");
            olga.clickTestId("op-2");                                // X completes the top row
            bruno.waitForText(By.id("goal-message"), "X");
        }
    }

    @Test
    void aSigkilledServerComesBackAndThePlayersContinueFromTheLastAcknowledgedMove() throws Exception {
        LaunchResponse session = launch("TicTacToe");
        try (PlayerPage olga = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage bruno = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            seatBothAndOpenLobby(session, olga, bruno, "Bruno");
            olga.click(By.id("start-game"));
            olga.clickTestId("op-0");
            bruno.clickTestId("op-4");
            olga.clickTestId("op-1");                               // step 3 acknowledged...
            bruno.waitFor(By.cssSelector("[data-testid='op-8']"));  // ...and O to move

            portal.kill();
            portal.start();

            // The pages reconnect by themselves; O's move continues the same game.
            bruno.waitUntilConnected();
            olga.waitUntilConnected();
            bruno.clickTestId("op-8");
            olga.clickTestId("op-2");                               // X completes the top row
            olga.waitForText(By.id("goal-message"), "X");
            bruno.waitForText(By.id("goal-message"), "X");
        }
    }
}
