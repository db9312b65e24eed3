"""The conversation with the Oracle as chat bubbles (HTML, no scripts).

Before the first question there is nothing to draw: ``render_state`` returns None and the portal
shows the text view instead (SZ6-CONTRACT §7).
"""
from html import escape

BUBBLE = ("max-width:80%;padding:8px 12px;border-radius:8px;margin:4px 0;line-height:1.4;"
          "overflow-wrap:anywhere;")


def render_state(state):
    if not state.history and not state.guesses and not state.solved:
        return None
    rows = []
    for q, a in state.history:
        rows.append('<div style="display:flex;justify-content:flex-end"><div style="%sbackground:#2457d6;'
                    'color:#ffffff">%s</div></div>' % (BUBBLE, escape(q)))
        silent = a.startswith("(The Oracle is silent")
        rows.append('<div style="display:flex"><div style="%sbackground:%s;color:#2b2f38">'
                    '<strong>Oracle:</strong> %s</div></div>'
                    % (BUBBLE, "#fff4d6" if silent else "#eef1f6", escape(a)))
    if state.guesses:
        rows.append('<p style="color:#5b6272;margin:8px 0">Wrong guesses: %s</p>'
                    % escape(", ".join(state.guesses)))
    if state.is_goal():
        footer = escape(state.goal_message())
    else:
        q_left = state.max_questions - len(state.history)
        g_left = state.max_guesses - len(state.guesses)
        footer = "%d question%s and %d guess%s left" % (
            q_left, "" if q_left == 1 else "s", g_left, "" if g_left == 1 else "es")
    rows.append('<p style="margin:12px 0 0;font-weight:600;color:#2b2f38">%s</p>' % footer)
    return ('<div style="font-family:system-ui,sans-serif;font-size:15px;max-width:560px;padding:12px;'
            'background:#ffffff;border:1px solid #dde1e8;border-radius:8px">%s</div>' % "".join(rows))
