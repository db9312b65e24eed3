"""Twenty Questions with the Oracle: a language model answers your yes/no questions.

The game picks a secret thing; you ask yes/no questions (a ``str`` parameter) and the Oracle, a
language model behind an OpenAI-compatible chat-completions endpoint, answers. Then you guess.

Where the model lives is configured by the portal admin *for this game*, as environment
variables of the game's worker (never the portal's own secrets; the game host drops every
``WSZ6_*`` variable, so these names deliberately do not start with it):

    GAME_LLM_URL      the chat-completions URL, e.g. http://127.0.0.1:8000/v1/chat/completions
                      (a URL ending in /v1 gets /chat/completions added)
    GAME_LLM_MODEL    the default model name
    GAME_LLM_KEY      the API key (sent as "Authorization: Bearer ..."), optional
    GAME_LLM_TIMEOUT  seconds to wait for an answer (default 4; the game host's own call limit is 5)

The session owner may choose the model with the game option ``model``. Only the standard
library's ``urllib`` is used. When no model is configured, the network is not allowed, the call
fails or takes too long, the Oracle "is silent" and the game gives a built-in hint instead, so
the game is always playable.
"""
import json
import os
import random
import re
import urllib.error
import urllib.request

import soluzion6_02 as sz
from soluzion6_02 import SZ_Operator, SZ_Operator_Set

MAX_QUESTIONS = 10
MAX_GUESSES = 3
DEFAULT_TIMEOUT = 4.0
PROMPT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prompts", "system.txt")

# (secret, other accepted answers, hints given when the Oracle is silent)
SECRETS = [
    ("penguin", ["penguins"], ["It is alive.", "It is an animal.", "It is a bird.", "It cannot fly.",
                               "It lives where it is cold.", "It swims very well."]),
    ("bicycle", ["bike", "cycle"], ["It is not alive.", "People use it to travel.", "It has two wheels.",
                                     "It has pedals.", "You ride it."]),
    ("volcano", ["volcanoes"], ["It is not alive.", "It is part of nature.", "It is very big.",
                                "It can be dangerous.", "It is hot inside.", "It erupts."]),
    ("piano", ["grand piano"], ["It is not alive.", "It makes music.", "It has keys.",
                                "It is heavy.", "It has black and white keys."]),
    ("banana", ["bananas"], ["It was alive once: it is a plant part.", "You can eat it.", "It is a fruit.",
                             "It is yellow when ripe.", "You peel it."]),
    ("lighthouse", ["light house"], ["It is not alive.", "It is a building.", "It stands by the sea.",
                                     "It is tall.", "It shines a light for ships."]),
]

# The option chosen by the session owner; a module global belongs to the play-through.
MODEL_OPTION = None


def normalise(text):
    words = re.sub(r"[^a-z ]+", " ", text.lower()).split()
    return " ".join(w for w in words if w not in ("a", "an", "the", "it", "is", "its"))


def ask_model(secret, history, question):
    """Asks the configured model. Returns (answer, None) or (None, reason it could not answer)."""
    url = os.environ.get("GAME_LLM_URL", "").strip()
    model = MODEL_OPTION or os.environ.get("GAME_LLM_MODEL", "").strip()
    if not url:
        return None, "no language model is configured for this game"
    if not model:
        return None, "no model name is configured for this game"
    if url.rstrip("/").endswith("/v1"):
        url = url.rstrip("/") + "/chat/completions"
    try:
        timeout = float(os.environ.get("GAME_LLM_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    with open(PROMPT_FILE, encoding="utf-8") as f:
        system = f.read().replace("{secret}", secret)
    messages = [{"role": "system", "content": system}]
    for q, a in history[-6:]:
        messages += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    messages.append({"role": "user", "content": question})
    body = json.dumps({"model": model, "messages": messages, "max_tokens": 60,
                       "temperature": 0.2}).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    key = os.environ.get("GAME_LLM_KEY", "").strip()
    if key:
        headers["Authorization"] = "Bearer " + key
    try:
        req = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            reply = json.loads(resp.read(1_000_000).decode("utf-8"))
        answer = reply["choices"][0]["message"]["content"]
    except urllib.error.HTTPError as e:
        return None, "the model service answered HTTP %d" % e.code
    except (TimeoutError, OSError) as e:   # includes URLError and socket timeouts
        reason = getattr(e, "reason", e)
        if "timed out" in str(reason):
            return None, "the model took longer than %g s" % timeout
        return None, "the model service could not be reached (%s)" % reason
    except (ValueError, KeyError, IndexError, TypeError):
        return None, "the model service sent an answer in an unexpected format"
    except Exception as e:   # e.g. the sandbox refusing the network: never break the game
        return None, "the model could not be asked (%s)" % type(e).__name__
    answer = " ".join(str(answer).split())[:300]
    if not answer:
        return None, "the model gave an empty answer"
    if secret in answer.lower():   # the Oracle must not give the game away
        answer = "I cannot answer that without giving away the secret."
    return answer, None


class TQ_Metadata(sz.SZ_Metadata):
    def __init__(self):
        self.name = "Twenty Questions with the Oracle"
        self.problem_version = "1.0"
        self.soluzion_version = "6.02"
        self.authors = ["WSZ6 project"]
        self.creation_date = "2026-11-26"
        self.brief_desc = ("The Oracle, a language model, knows a secret thing. Ask it up to %d "
                           "yes/no questions, then guess what it is (%d tries)."
                           % (MAX_QUESTIONS, MAX_GUESSES))


class TQ_State(sz.SZ_State):
    def __init__(self, old=None):
        if old is None:
            self.secret = None
            self.history = []         # [(question, answer), ...]
            self.guesses = []
            self.hints_used = 0
            self.solved = False
            self.max_questions, self.max_guesses = MAX_QUESTIONS, MAX_GUESSES
        else:
            self.secret = old.secret
            self.history = old.history[:]
            self.guesses = old.guesses[:]
            self.hints_used = old.hints_used
            self.solved = old.solved
            self.max_questions, self.max_guesses = old.max_questions, old.max_guesses
        self.current_role_num = 0

    def __str__(self):
        lines = []
        for i, (q, a) in enumerate(self.history):
            lines.append("Q%d: %s\n    %s" % (i + 1, q, a))
        if self.guesses and not self.solved:
            lines.append("Wrong guesses: " + ", ".join(self.guesses))
        if not self.is_goal():
            lines.append("Questions left: %d. Guesses left: %d." % (
                self.max_questions - len(self.history), self.max_guesses - len(self.guesses)))
        return "\n".join(lines) or "The Oracle is thinking of something. Ask a yes/no question!"

    def is_goal(self):
        return self.solved or len(self.guesses) >= self.max_guesses

    def is_win(self, role_num):
        return self.solved

    def goal_message(self):
        if self.solved:
            return "Yes! It was a %s. You found it after %d question%s." % (
                self.secret, len(self.history), "" if len(self.history) == 1 else "s")
        return "No more guesses. It was a %s." % self.secret


def secret_entry(name):
    return next(e for e in SECRETS if e[0] == name)


def ask(s, args):
    question = " ".join(args[0].split())[:200]
    news = TQ_State(s)
    if not question:
        news.jit_transition = "You said nothing. The Oracle waits for a question."
        return news
    answer, problem = ask_model(s.secret, s.history, question)
    if answer is None:
        hints = secret_entry(s.secret)[2]
        hint = hints[min(s.hints_used, len(hints) - 1)]
        news.hints_used += 1
        answer = "(The Oracle is silent: %s. A hint instead: %s)" % (problem, hint)
    news.history.append((question, answer))
    news.jit_transition = "Q: %s  A: %s" % (question, answer)
    return news


def make_guess(s, args):
    guess = " ".join(args[0].split())[:80]
    news = TQ_State(s)
    entry = secret_entry(s.secret)
    if normalise(guess) and normalise(guess) in [normalise(n) for n in [entry[0]] + entry[1]]:
        news.solved = True
        news.jit_transition = "You guess \"%s\". Correct!" % guess
    else:
        news.guesses.append(guess or "(nothing)")
        news.jit_transition = "You guess \"%s\". No, that's not it." % guess
    return news


class TQ_Formulation(sz.SZ_Formulation):
    def __init__(self):
        self.metadata = TQ_Metadata()
        self.common_data = sz.SZ_Common_Data()
        self.instance_data = sz.SZ_Problem_Instance_Data()
        self.roles_spec = sz.SZ_Roles_Spec([sz.SZ_Role("Questioner", "Asks the Oracle and guesses.")])
        self.operators = SZ_Operator_Set([
            SZ_Operator("Ask the Oracle", "Ask a yes/no question, e.g. \"Is it alive?\"",
                        lambda s: not s.is_goal() and len(s.history) < s.max_questions, ask,
                        [{"name": "question", "type": "str"}]),
            # No "type": a parameter's type defaults to str.
            SZ_Operator("Make a guess", "Say what you think the secret thing is.",
                        lambda s: not s.is_goal(), make_guess, [{"name": "guess"}]),
        ])

    def initialize_problem(self, config={}):
        global MODEL_OPTION
        MODEL_OPTION = (str(config.get("model") or "").strip() or None)
        state = TQ_State()
        state.secret = random.choice(SECRETS)[0]
        self.instance_data = sz.SZ_Problem_Instance_Data({"model": MODEL_OPTION})
        return state


TWENTY_QUESTIONS = TQ_Formulation()
