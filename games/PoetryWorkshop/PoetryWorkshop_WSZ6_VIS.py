"""The poem on a sheet of paper, with the Editor's notes in the margin (HTML, no scripts)."""
from html import escape

ROLE_NAMES = ("Poet", "Editor")


def render_state(state):
    poem = state.poem.strip()
    body = (escape(poem).replace("\n", "<br>") if poem else
            '<span style="color:#8a8f99">No draft yet. The Poet opens the editor with “Write the poem”.</span>')
    notes = "".join('<li style="margin:4px 0">%s</li>' % escape(n) for n in state.notes)
    if state.is_goal():
        status = escape(state.goal_message())
    else:
        status = "Drafts: %d · now the %s is working" % (state.drafts, ROLE_NAMES[state.current_role_num])
    return (
        '<div style="font-family:system-ui,sans-serif;max-width:560px">'
        '<article style="background:#fffdf6;border:1px solid #e6dfc8;border-radius:8px;padding:20px 24px;'
        'box-shadow:0 1px 3px rgba(0,0,0,.08)">'
        '<h2 style="margin:0 0 12px;font-family:Georgia,serif;font-size:22px;color:#2b2f38">%s</h2>'
        '<p style="margin:0;font-family:Georgia,serif;font-size:17px;line-height:1.6;color:#2b2f38;'
        'overflow-wrap:anywhere">%s</p></article>'
        '%s<p style="margin:10px 0 0;color:#3d4350">%s</p></div>'
        % (escape(state.title), body,
           ('<section style="margin-top:12px;padding:12px 16px;background:#eef1f6;border-radius:8px">'
            '<strong style="color:#2457d6">Editor\'s notes</strong><ol style="margin:6px 0 0;padding-left:20px">%s</ol>'
            '</section>' % notes) if notes else "",
           status))
