package org.wsz6.play.bots;

import java.util.concurrent.ThreadLocalRandom;
import org.wsz6.play.gamehost.StepResult;

/** Applies a random applicable operator with valid random arguments. */
public class RandomBot implements Bot {

    @Override
    public String kind() {
        return "random";
    }

    @Override
    public BotMove choose(String gameTitle, String roleName, StepResult.RoleView view) {
        if (view == null || view.operators() == null || view.operators().isEmpty()) {
            return null;
        }
        var op = view.operators().get(ThreadLocalRandom.current().nextInt(view.operators().size()));
        return new BotMove(op.index(), RandomArguments.forOperator(op), "random");
    }
}
