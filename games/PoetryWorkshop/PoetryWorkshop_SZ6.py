"""Poetry Workshop: a Poet writes a short poem, an Editor comments and finally scores it.

A writing game for the SOLUZION6 contract:
* a ``file_edit`` parameter (the poem, edited in a full-page editor) with ``file_path`` and
  ``initial_text``; every draft is saved as ``poem.txt`` in ``config['session_folder']``, so the
  portal keeps each version as an artifact of the play-through;
* a ``str`` parameter (the title, the editor's note) and a ``float`` parameter (the score).
"""
import os

import soluzion6_02 as sz

POET, EDITOR = 0, 1
ROLE_NAMES = ("Poet", "Editor")
MAX_REVISIONS = 3
POEM_FILE = "poem.txt"
NOTES_FILE = "editor_notes.txt"
REVIEW_FILE = "review.txt"
STARTER = ("Write your poem here: four to twelve short lines.\n"
           "Delete these two lines first.\n")

# Set by initialize_problem: where this play-through's documents go. Module globals belong to the
# play-through (the portal keeps them across pause and resume).
SESSION_FOLDER = None


def _save(filename, text, append=False):
    os.makedirs(SESSION_FOLDER, exist_ok=True)
    with open(os.path.join(SESSION_FOLDER, filename), "a" if append else "w", encoding="utf-8") as f:
        f.write(text)


class Poetry_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Poetry Workshop"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("A Poet drafts a short poem in the editor and hands it over; the Editor "
                           "suggests changes (up to %d rounds) and finally scores it from 0 to 10. "
                           "Every draft is kept." % MAX_REVISIONS)


class Poetry_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.title = "Untitled"
            self.poem = ""
            self.drafts = 0
            self.notes = []          # the editor's notes, in order
            self.revisions = 0       # how often the editor sent it back
            self.score = None
            self.current_role_num = POET
        else:
            self.title = old.title
            self.poem = old.poem
            self.drafts = old.drafts
            self.notes = old.notes[:]
            self.revisions = old.revisions
            self.score = old.score
            self.current_role_num = old.current_role_num

    def __str__(self):
        lines = ['"%s"' % self.title, ""]
        lines.append(self.poem.rstrip() if self.poem.strip() else "(no draft yet)")
        if self.notes:
            lines += ["", "Editor's notes:"] + ["  %d. %s" % (i + 1, n) for i, n in enumerate(self.notes)]
        if self.score is not None:
            lines += ["", "Score: %.1f / 10" % self.score]
        elif not self.is_goal():
            lines += ["", "Now: the %s." % ROLE_NAMES[self.current_role_num]]
        return "\n".join(lines)

    def is_goal(self):
        return self.score is not None

    def goal_message(self):
        verdict = ("a masterpiece" if self.score >= 9 else "well done" if self.score >= 6
                   else "a start" if self.score >= 3 else "back to the drawing board")
        return 'The Editor scores "%s" %.1f out of 10: %s.' % (self.title, self.score, verdict)


def poet_writing(s):
    return not s.is_goal() and s.current_role_num == POET


def write_poem(s, args):
    text = args[0].replace("\r\n", "\n")
    news = Poetry_State(s)
    news.poem = text
    news.drafts += 1
    _save(POEM_FILE, text)
    n = len([ln for ln in text.splitlines() if ln.strip()])
    news.jit_transition = "The Poet saved draft %d (%d line%s)." % (news.drafts, n, "" if n == 1 else "s")
    return news


def set_title(s, args):
    title = " ".join(args[0].split())[:80] or "Untitled"
    news = Poetry_State(s)
    news.title = title
    news.jit_transition = 'The poem is now called "%s".' % title
    return news


def hand_over(s):
    news = Poetry_State(s)
    news.current_role_num = EDITOR
    news.jit_transition = "The Poet hands draft %d to the Editor." % s.drafts
    return news


def editor_reading(s):
    return not s.is_goal() and s.current_role_num == EDITOR


def suggest(s, args):
    note = " ".join(args[0].split())[:500] or "(no comment, just try again)"
    news = Poetry_State(s)
    news.notes.append(note)
    news.revisions += 1
    news.current_role_num = POET
    _save(NOTES_FILE, "Round %d: %s\n" % (news.revisions, note), append=True)
    news.jit_transition = "The Editor sends the poem back: %s" % note
    return news


def accept(s, args):
    news = Poetry_State(s)
    news.score = round(float(args[0]), 1)
    _save(REVIEW_FILE, '"%s"\n\n%s\n\nScore: %.1f / 10\n' % (news.title, news.poem.rstrip(), news.score))
    news.jit_transition = "The Editor accepts the poem."
    return news


class Poetry_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = Poetry_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec(
            [sz.SZ_Role("Poet", "Writes and revises the poem."),
             sz.SZ_Role("Editor", "Reads each draft, suggests changes and gives the final score.")],
            min_players_to_start=2)
        self.operators = sz.SZ_Operator_Set([
            sz.SZ_Operator("Write the poem", "Open the editor and write (or revise) your poem.",
                           poet_writing, write_poem,
                           [{"name": "poem", "type": "file_edit", "file_path": POEM_FILE,
                             "initial_text": STARTER}], role=POET),
            sz.SZ_Operator("Give it a title", "Name your poem (one line).",
                           poet_writing, set_title, [{"name": "title", "type": "str"}], role=POET),
            sz.SZ_Operator("Hand it to the Editor", "Send the current draft to the Editor.",
                           lambda s: poet_writing(s) and s.poem.strip() != "", hand_over, role=POET),
            sz.SZ_Operator("Suggest a change", "Send the poem back with a note (at most %d times)."
                           % MAX_REVISIONS,
                           lambda s: editor_reading(s) and s.revisions < MAX_REVISIONS, suggest,
                           [{"name": "note", "type": "str"}], role=EDITOR),
            sz.SZ_Operator("Accept and score", "Accept the poem and give it a score from 0 to 10.",
                           editor_reading, accept,
                           [{"name": "score", "type": "float", "min": 0.0, "max": 10.0}], role=EDITOR),
        ])

    def initialize_problem(self, config={}):
        global SESSION_FOLDER
        SESSION_FOLDER = config.get("session_folder") or os.path.join(os.getcwd(), "poetry_session")
        self.instance_data = sz.SZ_Problem_Instance_Data({"session_folder": SESSION_FOLDER})
        return Poetry_State()


POETRY = Poetry_Formulation()
