"""Guess My Age: a number line that shrinks to the range the clues still allow."""


def render_state(state, instance_data=None):
    data = getattr(instance_data, "data", None) or {}
    top = data.get("max_age", state.high)
    top = max(top, 2)
    x = lambda age: 30 + (age - 1) * 540.0 / (top - 1)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 150" role="img" '
           'aria-label="The range of ages still possible" style="width:100%;max-width:600px;height:auto;'
           'font-family:system-ui,sans-serif">',
           '<rect width="600" height="150" rx="8" fill="#f4f6fb"/>',
           '<line x1="30" y1="70" x2="570" y2="70" stroke="#c3c9d4" stroke-width="8" stroke-linecap="round"/>']
    if state.is_goal():
        out.append('<circle cx="%.1f" cy="70" r="12" fill="%s"/>'
                   % (x(state.secret), "#1f9d55" if state.found else "#d6452f"))
        caption = state.goal_message()
    else:
        out.append('<line x1="%.1f" y1="70" x2="%.1f" y2="70" stroke="#2457d6" stroke-width="12" '
                   'stroke-linecap="round"/>' % (x(state.low), x(state.high)))
        out.append('<text x="%.1f" y="50" text-anchor="middle" font-size="14" fill="#2457d6">%d</text>'
                   % (x(state.low), state.low))
        out.append('<text x="%.1f" y="50" text-anchor="middle" font-size="14" fill="#2457d6">%d</text>'
                   % (x(state.high), state.high))
        left = data.get("max_guesses", 7) - len(state.guesses)
        caption = "I am between %d and %d · %d guess%s left" % (state.low, state.high, left, "" if left == 1 else "es")
    for g in state.guesses:
        if not (state.found and g == state.secret):
            out.append('<g><title>You guessed %d</title><path d="M%.1f 84 l-6 12 h12 z" fill="#5b6272"/></g>' % (g, x(g)))
    out.append('<text x="300" y="130" text-anchor="middle" font-size="16" fill="#2b2f38">%s</text>' % caption)
    out.append('</svg>')
    return "".join(out)
