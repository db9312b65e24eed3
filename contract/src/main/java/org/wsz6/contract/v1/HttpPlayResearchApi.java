package org.wsz6.contract.v1;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.wsz6.contract.InternalHttpClient;

/** {@link PlayResearchApi} over HTTP, for admin, in the same JVM or another process. */
public class HttpPlayResearchApi implements PlayResearchApi {

    private final InternalHttpClient http;

    public HttpPlayResearchApi(InternalHttpClient http) {
        this.http = http;
    }

    @Override
    public ResearchSession session(String sessionId) {
        return http.get(InternalApiV1.researchSession(sessionId), ResearchSession.class);
    }

    @Override
    public ResearchEventPage events(String playthroughId, long after, int limit) {
        return http.get(InternalApiV1.researchEvents(playthroughId) + "?after=" + after + "&limit=" + limit,
                ResearchEventPage.class);
    }

    @Override
    public ResearchEventPage eventAt(String playthroughId, long index) {
        return http.get(InternalApiV1.researchEvents(playthroughId) + "?index=" + index + "&limit=1", ResearchEventPage.class);
    }

    @Override
    public ChainReport verify(String sessionId) {
        return http.get(InternalApiV1.researchSession(sessionId) + "/verify", ChainReport.class);
    }

    @Override
    public StepViews views(String playthroughId, long seq) {
        return http.get(InternalApiV1.researchPlaythrough(playthroughId) + "/steps/" + seq + "/views", StepViews.class);
    }

    @Override
    public InputStream openLog(String playthroughId) {
        return http.open(InternalApiV1.researchPlaythrough(playthroughId) + "/log.jsonl");
    }

    @Override
    public InputStream openMovesCsv(String playthroughId, boolean header) {
        return http.open(InternalApiV1.researchPlaythrough(playthroughId) + "/moves.csv?header=" + header);
    }

    @Override
    public InputStream openArtifact(long artifactId) {
        return http.open(InternalApiV1.PLAY_RESEARCH + "/artifacts/" + artifactId);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
