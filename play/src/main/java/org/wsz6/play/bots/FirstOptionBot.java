package org.wsz6.play.bots;

import org.wsz6.play.gamehost.StepResult;

/** Always applies the first applicable operator, filling its parameters with valid random values. */
public class FirstOptionBot implements Bot {

    @Override
    public String kind() {
        return "first";
    }

    @Override
    public BotMove choose(String gameTitle, String roleName, StepResult.RoleView view) {
        if (view == null || view.operators() == null || view.operators().isEmpty()) {
            return null;
        }
        var op = view.operators().get(0);
        return new BotMove(op.index(), RandomArguments.forOperator(op), "first option");
    }
}
