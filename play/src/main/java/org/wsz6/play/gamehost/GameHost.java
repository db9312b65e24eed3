package org.wsz6.play.gamehost;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The only way WSZ6-play runs game code: Python worker processes speaking
 * {@code docs/gamehost-protocol.md}. Each play-through lives in one worker of its game folder (a
 * game gets more workers as its play-throughs grow); every call has a deadline; a worker that
 * dies or misses its deadline is replaced and its play-throughs are rebuilt from their last
 * snapshots. Every method may throw {@link GameHostException}: protocol refusals keep their code
 * ({@code not_your_turn}, {@code bad_args}, ...; the state is unchanged), and
 * {@code worker_timeout} / {@code worker_crashed} / {@code worker_unavailable} say the worker had
 * to be replaced or could not be started (the play-through goes on from its last state).
 * Implementations are thread-safe; calls for one play-through should come from one thread at a
 * time (its session).
 */
public interface GameHost {

    /**
     * Records what an admin configured for a game: environment variables for its workers (an LLM
     * key, say; never the portal's own) and whether it may reach the network. Used when the
     * game's workers start; workers already running keep what they started with.
     */
    void registerGame(Path gameFolder, Map<String, String> env, boolean allowNetwork);

    /** Loads the game in a throw-away play-through and reports its metadata, roles and operators. */
    GameDescription describe(Path gameFolder);

    /** Starts a play-through: fresh module, {@code initialize_problem(config)} once. */
    StepResult start(Path gameFolder, String pt, long seed, Map<String, Object> config, String baseUrl);

    /** Applies operator {@code opIndex} for {@code role}; refusals come back as GameHostException. */
    StepResult apply(String pt, int role, int opIndex, List<Object> args);

    /** The current views of a live play-through, without a new step. */
    StepResult view(String pt);

    /** Rebuilds a play-through from a snapshot (after undo, restart or a worker crash). */
    StepResult restore(Path gameFolder, String pt, String snapshot, long seed, int step,
                       Map<String, Object> config, String baseUrl);

    /** Frees a play-through (its module, state, and the worker's memory for it). */
    void close(String pt);
}
