package org.wsz6.play.gamehost;

import java.nio.file.Path;
import java.util.List;

/**
 * One worker as an admin (or a benchmark) sees it.
 *
 * @param pid   the process the bridge started (bubblewrap when the worker sandboxes itself with it), or null when stopped
 * @param rssKb the worker's resident memory as it reports it, or null when it was busy or stopped
 */
public record WorkerStatus(Path game, String label, Long pid, List<String> playthroughs, Long rssKb) { }
