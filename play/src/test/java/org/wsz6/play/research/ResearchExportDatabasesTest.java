package org.wsz6.play.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsz6.contract.v1.ResearchEventPage;
import org.wsz6.play.gdm.CanonicalJson;
import org.wsz6.play.gdm.GdmTestDatabase;

/**
 * The research reads on both GDM databases (embedded H2 and the real PostgreSQL): a log longer
 * than one streaming page comes out whole and in order as pages, JSONL and CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearchExportDatabasesTest {

    ResearchLogFixture h2;
    ResearchLogFixture pg;

    @BeforeAll
    void open() {
        h2 = new ResearchLogFixture(GdmTestDatabase.h2());
        pg = new ResearchLogFixture(GdmTestDatabase.postgres());
    }

    @AfterAll
    void close() throws Exception {
        h2.db.close();
        pg.db.close();
    }

    ResearchLogFixture on(String kind) {
        return kind.equals("h2") ? h2 : pg;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aLogLongerThanOnePageExportsWholeAndInOrder(String kind) throws Exception {
        ResearchLogFixture f = on(kind);
        int moves = ResearchReader.STREAM_PAGE * 2 + 17;
        String pt = f.sessionWithMoves(moves, 250);

        ResearchEventPage first = f.reader.page(pt, 0, 100);
        assertThat(first.events()).hasSize(100);
        assertThat(first.nextAfter()).isEqualTo(first.events().get(99).seq());
        ResearchEventPage last = f.reader.page(pt, moves - 10, 1000);
        assertThat(last.nextAfter()).isNull();

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        f.export.writeJsonl(pt, jsonl);
        List<String> lines = jsonl.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(moves + 1);
        JsonNode move = CanonicalJson.read(lines.get(5));
        assertThat(move.path("event").asText()).isEqualTo("move");
        assertThat(move.path("step").asInt()).isEqualTo(5);
        assertThat(move.path("state").path("n").asInt()).isEqualTo(5);
        assertThat(move.path("args").get(0).asInt()).isEqualTo(5);
        assertThat(move.path("seed").asLong()).isEqualTo(1005);
        assertThat(move.path("player").asText()).matches("p_[0-9a-f]{12}");
        assertThat(CanonicalJson.read(lines.get(lines.size() - 1)).path("step").asInt()).isEqualTo(moves);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        f.export.writeCsv(pt, true, csv);
        List<String> rows = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(rows).hasSize(moves + 2);
        // The operator name holds a comma-free quote: quoted per RFC 4180, the name never appears.
        assertThat(rows.get(2)).contains("\"Add 1, then \"\"count\"\"\"").doesNotContain("Ann Example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void pagesSkipSeqsThatBelongToOtherEventsOfTheSession(String kind) throws Exception {
        ResearchLogFixture f = on(kind);
        int moves = ResearchReader.STREAM_PAGE * 3;
        String pt = f.sessionWithMoves(moves, 500);
        // A stretch of the session's seqs longer than a page that is not this play-through's
        // (as with session events or another play-through): reads are windows over seq, so they
        // must step over it rather than stop at the first empty window.
        int gapFrom = 100;
        int gapTo = gapFrom + ResearchReader.STREAM_PAGE + 150;
        f.db.jdbc.sql("UPDATE events SET playthrough_id = NULL WHERE playthrough_id = ? AND seq BETWEEN ? AND ?")
                .params(pt, gapFrom, gapTo).update();
        int kept = moves + 1 - (gapTo - gapFrom + 1);

        ResearchEventPage across = f.reader.page(pt, gapFrom - 11, 100);
        assertThat(across.events()).hasSize(100);
        assertThat(across.events().get(9).seq()).isEqualTo(gapFrom - 1);
        assertThat(across.events().get(10).seq()).isEqualTo(gapTo + 1);
        assertThat(across.nextAfter()).isEqualTo(across.events().get(99).seq());

        java.util.List<Long> seqs = new java.util.ArrayList<>();
        f.reader.forEachEvent(pt, e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize(kept).isSorted().doesNotHaveDuplicates();
        assertThat(seqs).noneMatch(seq -> seq >= gapFrom && seq <= gapTo);

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        f.export.writeJsonl(pt, jsonl);
        assertThat(jsonl.toString(StandardCharsets.UTF_8).lines()).hasSize(kept);
        assertThat(f.reader.page(pt, seqs.get(seqs.size() - 1), 10).events()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theSameParticipantAlwaysGetsTheSamePseudonymAndOthersDiffer(String kind) {
        Pseudonyms p = on(kind).pseudonyms;
        assertThat(p.of("participant-1")).isEqualTo(p.of("participant-1")).isNotEqualTo(p.of("participant-2"));
        assertThat(new Pseudonyms("another-key".getBytes()).of("participant-1")).isNotEqualTo(p.of("participant-1"));
    }
}
