package org.wsz6.play.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.ChainReport;
import org.wsz6.contract.v1.HttpPlayResearchApi;
import org.wsz6.contract.v1.InternalApiV1;
import org.wsz6.contract.v1.LaunchResponse;
import org.wsz6.contract.v1.PlayResearchApi;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.contract.v1.ResearchSession;
import org.wsz6.contract.v1.StepViews;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServer;
import org.wsz6.play.testsupport.PlayServerTestBase;

/**
 * Play's research endpoints over a real Tic-Tac-Toe game played over WebSockets, read through the
 * contract's own HTTP client (what admin uses): detail, paged events, JSONL, CSV, chain verdict
 * (and the alarm after tampering), per-role views re-rendered from the log, and the refusals.
 */
class PlayResearchEndpointsTest extends PlayServerTestBase {

    @Autowired
    @Qualifier("gdmJdbc")
    JdbcClient gdm;

    PlayResearchApi api() {
        return new HttpPlayResearchApi(new InternalHttpClient(() -> server.base(), PlayServer.SECRET, Duration.ofSeconds(20)));
    }

    /** Plays X to a win on the top row; returns the session id. */
    String playedGame() throws Exception {
        LaunchResponse launched = server.launch("TicTacToe");
        try (PlayClient olga = server.owner(launched); PlayClient bob = server.guest(launched, "Bob")) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            bob.ack(bob.send("type", "take_role", "role", 1));
            bob.await("lobby_update", m -> m.path("can_start").asBoolean());
            olga.ack(olga.send("type", "start_game"));
            olga.stateAt(0);
            int[] moves = {0, 3, 1, 4, 2};
            for (int i = 0; i < moves.length; i++) {
                PlayClient mover = i % 2 == 0 ? olga : bob;
                mover.ack(mover.send("type", "apply_operator", "op_index", moves[i]));
                olga.stateAt(i + 1);
                bob.stateAt(i + 1);
            }
            bob.await("goal_reached");
            return olga.sessionId;
        }
    }

    @Test
    void aPlayedSessionReadsBackCompletelyThroughTheResearchApi() throws Exception {
        String sessionId = playedGame();
        PlayResearchApi api = api();

        ResearchSession s = api.session(sessionId);
        assertThat(s.gameSlug()).isEqualTo("tictactoe");
        assertThat(s.gameVersionHash()).hasSize(64);
        assertThat(s.participants()).extracting(ResearchSession.Participant::name).contains("Bob");
        assertThat(s.participants()).allSatisfy(p -> assertThat(p.pseudonym()).matches("p_[0-9a-f]{12}"));
        ResearchSession.Participant bob = s.participants().stream().filter(p -> p.name().equals("Bob")).findFirst().orElseThrow();
        assertThat(bob.roleNames()).containsExactly("O");
        assertThat(s.playthroughs()).hasSize(1);
        ResearchSession.Playthrough pt = s.playthroughs().get(0);
        assertThat(pt.goalReached()).isTrue();
        assertThat(pt.steps()).isEqualTo(5);
        assertThat(pt.events()).isGreaterThanOrEqualTo(6); // start + five moves (+ seat events)

        // Paged: three at a time until nextAfter is null; nothing lost, nothing twice, in order.
        List<ResearchEventPage.Event> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ResearchEventPage page = api.events(pt.id(), after, 3);
            all.addAll(page.events());
            if (page.nextAfter() == null) {
                break;
            }
            after = page.nextAfter();
        }
        assertThat(all).hasSize((int) pt.events());
        assertThat(all).extracting(ResearchEventPage.Event::seq).isSorted().doesNotHaveDuplicates();
        // By position, as the replay viewer's slider asks.
        assertThat(api.eventAt(pt.id(), 2).events()).extracting(ResearchEventPage.Event::seq).containsExactly(all.get(2).seq());
        assertThat(api.eventAt(pt.id(), all.size()).events()).isEmpty();
        List<ResearchEventPage.Event> moves = all.stream().filter(e -> e.event().equals("move")).toList();
        assertThat(moves).extracting(ResearchEventPage.Event::opIndex).containsExactly(0, 3, 1, 4, 2);
        assertThat(moves.get(1).participant()).isEqualTo(bob.pseudonym());
        assertThat(moves.get(0).state()).isNotNull();

        // JSONL in the seed plan's shape, one line per event.
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(api.openLog(pt.id()), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(InternalHttpClient.JSON.readTree(line));
            }
        }
        assertThat(lines).hasSize(all.size());
        JsonNode firstMove = lines.stream().filter(l -> l.path("event").asText().equals("move")).findFirst().orElseThrow();
        for (String field : List.of("t", "event", "step", "op_index", "args", "state", "role", "player", "seed", "hash", "prev_hash")) {
            assertThat(firstMove.has(field)).as("JSONL field %s", field).isTrue();
        }
        assertThat(firstMove.path("op_index").asInt()).isZero();
        assertThat(firstMove.path("step").asInt()).isEqualTo(1);

        // CSV: a header, one row per event, pseudonyms only, the game version hash on each row.
        String csv;
        try (InputStream in = api.openMovesCsv(pt.id(), true)) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] rows = csv.split("\r\n");
        assertThat(rows[0]).startsWith("session_id,playthrough_id,seq,t,event");
        assertThat(rows).hasSize(all.size() + 1);
        assertThat(csv).doesNotContain("Bob").contains(bob.pseudonym()).contains(s.gameVersionHash());
        try (InputStream in = api.openMovesCsv(pt.id(), false)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotStartWith("session_id");
        }

        // Every role's view after X's third move, re-rendered by the game from the logged snapshot.
        StepViews views = api.views(pt.id(), moves.get(4).seq());
        assertThat(views.step()).isEqualTo(5);
        assertThat(views.roles()).extracting(StepViews.RoleView::roleName).contains("X", "O");
        assertThat(views.roles().get(0).text()).contains("X");

        assertThat(api.verify(sessionId).intact()).isTrue();
    }

    @Test
    void aTamperedLogRaisesTheAlarmAtTheChangedEvent() throws Exception {
        String sessionId = playedGame();
        long seq = gdm.sql("SELECT MAX(seq) FROM events WHERE session_id = ? AND type = 'move'").param(sessionId)
                .query(Long.class).single();
        gdm.sql("UPDATE events SET payload = REPLACE(payload, '\"op_index\":2', '\"op_index\":8') WHERE session_id = ? AND seq = ?")
                .params(sessionId, seq).update();
        ChainReport report = api().verify(sessionId);
        assertThat(report.intact()).isFalse();
        assertThat(report.brokenAtSeq()).isEqualTo(seq);
        assertThat(report.problem()).contains("hash");
    }

    @Test
    void unknownIdsAndBadPagesAreRefusedWithAClearMessage() {
        PlayResearchApi api = api();
        assertThatThrownBy(() -> api.session("no-such-session"))
                .isInstanceOf(InternalApiException.class).hasMessageContaining("404").hasMessageContaining("no session no-such-session");
        assertThatThrownBy(() -> api.events("no-such-pt", 0, 10))
                .isInstanceOf(InternalApiException.class).hasMessageContaining("no play-through no-such-pt");
        assertThatThrownBy(() -> api.openLog("no-such-pt"))
                .isInstanceOf(InternalApiException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> api.openArtifact(987654321L))
                .isInstanceOf(InternalApiException.class).hasMessageContaining("no artifact");
    }

    @Test
    void researchReadsNeedTheSharedSecret() throws Exception {
        for (String secret : new String[] {null, "wrong-secret-of-enough-length"}) {
            var b = HttpRequest.newBuilder(URI.create(server.base() + InternalApiV1.researchSession("x"))).GET();
            if (secret != null) {
                b.header(InternalApiV1.SECRET_HEADER, secret);
            }
            HttpResponse<String> r = PlayClient.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains(secret == null ? "missing" : "wrong internal API secret");
        }
    }
}
