package org.wsz6.play.bots;

import java.util.List;

/** What a bot decided: apply operator {@code opIndex} with {@code args} (empty when it takes none). */
public record BotMove(int opIndex, List<Object> args, String reason) {
}
