package org.wsz6.play.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.wsz6.play.bots.Bots;
import org.wsz6.play.gdm.EventLog;

/** The services every session actor uses, handed over in one piece. */
record SessionRuntime(SessionStore store, EventLog eventLog, GameCatalog catalog, Bots bots, SessionListener listener,
                      ScheduledExecutorService scheduler, SessionSettings settings, Consumer<SessionActor> onEnded,
                      Consumer<SessionActor> onLostOwnership) {
}
