package org.wsz6.contract.v1;

import java.io.InputStream;

/**
 * What admin's research panel may read from play's GDM (served under
 * {@code /internal/v1/play/research}). Read-only. The {@code open*} methods return a live stream
 * the caller must close; they never load a whole log into memory on either side.
 */
public interface PlayResearchApi {

    ResearchSession session(String sessionId);

    /** Events with seq greater than {@code after}, at most {@code limit} of them. */
    ResearchEventPage events(String playthroughId, long after, int limit);

    /** The page holding just the event at {@code index} (0-based position in the play-through), for viewers. */
    ResearchEventPage eventAt(String playthroughId, long index);

    ChainReport verify(String sessionId);

    StepViews views(String playthroughId, long seq);

    /** The play-through's log as JSONL (seed plan shape), one event per line. */
    InputStream openLog(String playthroughId);

    /** The play-through's moves as CSV with a header row; {@code header=false} leaves it out. */
    InputStream openMovesCsv(String playthroughId, boolean header);

    /** The bytes of one artifact version. */
    InputStream openArtifact(long artifactId);
}
