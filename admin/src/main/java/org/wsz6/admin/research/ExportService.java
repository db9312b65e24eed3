package org.wsz6.admin.research;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import org.wsz6.admin.accounts.Account;
import org.wsz6.contract.InternalApiException;
import org.wsz6.contract.InternalHttpClient;
import org.wsz6.contract.v1.PlayResearchApi;
import org.wsz6.contract.v1.ResearchSession;

/**
 * Research exports, streamed end to end: play writes the log as it reads it from GDM, and admin
 * copies play's stream into the response (or into a ZIP entry) in small buffers, never holding a
 * whole log. A ZIP holds, per session, {@code session.json}, one JSONL per play-through,
 * {@code moves.csv}, every artifact version, and {@code annotations.json} when asked for.
 */
@Service
public class ExportService {

    private final ResearchService research;
    private final PlayResearchApi play;
    private final AnnotationService annotations;

    public ExportService(ResearchService research, PlayResearchApi play, AnnotationService annotations) {
        this.research = research;
        this.play = play;
        this.annotations = annotations;
    }

    /** Checked before the response starts, so a refusal is still a proper error page. */
    public ResearchSession prepareSession(Account reader, String sessionId) {
        research.requireExport(reader);
        return research.session(reader, sessionId);
    }

    public void requirePlaythrough(Account reader, String playthroughId) {
        research.requireExport(reader);
        research.events(reader, playthroughId, 0, 1); // 404 before any byte is written
    }

    public List<ResearchSessionRow> prepareFiltered(Account reader, SessionFilter filter) {
        research.requireExport(reader);
        List<ResearchSessionRow> rows = research.find(reader, filter);
        if (rows.isEmpty()) {
            throw new ResearchException("No session matches these filters, so there is nothing to export.");
        }
        return rows;
    }

    public void writePlaythroughJsonl(String playthroughId, OutputStream out) throws IOException {
        copy(() -> play.openLog(playthroughId), out, "play-through " + playthroughId);
    }

    /** All moves of the sessions, one CSV with a single header row. */
    public void writeMovesCsv(List<ResearchSession> sessions, OutputStream out) throws IOException {
        boolean header = true;
        for (ResearchSession s : sessions) {
            header = writeMoves(s, header, out);
        }
        out.flush();
    }

    /** Like {@link #writeMovesCsv}, fetching each session's detail only when its turn comes. */
    public void writeFilteredCsv(List<ResearchSessionRow> rows, OutputStream out) throws IOException {
        boolean header = true;
        for (ResearchSessionRow row : rows) {
            ResearchSession s;
            try {
                s = play.session(row.sessionId());
            } catch (InternalApiException e) {
                if (e.status() == 404) {
                    continue;
                }
                throw ResearchService.translate(e, "session " + row.sessionId());
            }
            header = writeMoves(s, header, out);
        }
        out.flush();
    }

    /** Writes a session's play-throughs; returns whether the header row is still to be written. */
    private boolean writeMoves(ResearchSession s, boolean header, OutputStream out) throws IOException {
        for (ResearchSession.Playthrough pt : s.playthroughs()) {
            boolean withHeader = header;
            copy(() -> play.openMovesCsv(pt.id(), withHeader), out, "play-through " + pt.id());
            header = false;
        }
        return header;
    }

    public void writeSessionZip(Account reader, ResearchSession session, boolean withAnnotations, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        writeSessionEntries(reader, session, "", withAnnotations, zip);
        zip.finish();
        zip.flush();
    }

    /** A folder per session; each session's detail is fetched just before its entries are written. */
    public void writeFilteredZip(Account reader, List<ResearchSessionRow> rows, boolean withAnnotations, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (ResearchSessionRow row : rows) {
            ResearchSession session;
            try {
                session = play.session(row.sessionId());
            } catch (InternalApiException e) {
                if (e.status() == 404) {
                    continue; // summarised in UARD but its log was deleted (a debug session past its 7 days)
                }
                throw ResearchService.translate(e, "session " + row.sessionId());
            }
            writeSessionEntries(reader, session, safe(row.sessionId()) + "/", withAnnotations, zip);
        }
        zip.finish();
        zip.flush();
    }

    private void writeSessionEntries(Account reader, ResearchSession s, String folder, boolean withAnnotations,
                                     ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry(folder + "session.json"));
        zip.write(InternalHttpClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        zip.closeEntry();
        for (ResearchSession.Playthrough pt : s.playthroughs()) {
            zip.putNextEntry(new ZipEntry(folder + "playthrough-" + pt.ordinal() + "-" + safe(pt.id()) + ".jsonl"));
            writePlaythroughJsonl(pt.id(), zip);
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(folder + "moves.csv"));
        writeMovesCsv(List.of(s), zip);
        zip.closeEntry();
        for (ResearchSession.Artifact a : s.artifacts()) {
            zip.putNextEntry(new ZipEntry(folder + "artifacts/" + safe(a.playthroughId()) + "/" + safePath(a.path())
                    + ".v" + a.version()));
            copy(() -> play.openArtifact(a.id()), zip, "artifact " + a.id());
            zip.closeEntry();
        }
        if (withAnnotations) {
            zip.putNextEntry(new ZipEntry(folder + "annotations.json"));
            zip.write(InternalHttpClient.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(annotations.visible(reader, s.sessionId())));
            zip.closeEntry();
        }
    }

    public void writeArtifact(long artifactId, OutputStream out) throws IOException {
        copy(() -> play.openArtifact(artifactId), out, "artifact " + artifactId);
    }

    private interface Opener {
        InputStream open();
    }

    private static void copy(Opener opener, OutputStream out, String what) throws IOException {
        try (InputStream in = ResearchService.fromPlay(opener::open, what)) {
            in.transferTo(out);
        }
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Keeps the artifact's folders but never lets a path climb out of its folder in the ZIP. */
    static String safePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                continue;
            }
            out.append(out.isEmpty() ? "" : "/").append(safe(part));
        }
        return out.isEmpty() ? "artifact" : out.toString();
    }
}
