"""The cmi5 rules an LMS checks the AU's statements against, statement by statement.

Written from the cmi5 specification (AICC/CMI-5_Spec_Current, cmi5_spec.md), sections 7.1.3,
9.3 (verbs and their order), 9.4 (object), 9.5 (result), 9.6 (context), 9.7 (timestamp) and 10
(launchMode, masteryScore). `Rules.check(statement)` returns what is wrong with one statement
given those before it (an empty list: nothing); `Rules` keeps what a registration and its
sessions have seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
DEFINED = {"initialized", "completed", "passed", "failed", "terminated"}  # the AU's (9.3)
NEEDS_DURATION = {"terminated", "completed", "passed", "failed"}  # 9.5.4.1


@dataclass
class Launch:
    """One AU session as the LMS launched it."""
    session: str
    registration: str
    actor: dict
    activity_id: str
    publisher_id: str
    mode: str = "Normal"
    mastery: float | None = None
    verbs: list[str] = field(default_factory=list)  # cmi5 defined verbs the AU used, in order
    started: bool = False
    ended: bool = False
    last_stamp: str = ""
    fetch_key: str = ""  # the launch's one-time fetch URL ends in it


@dataclass
class Registration:
    completed: int = 0
    passed: int = 0


def ids(context: dict, kind: str) -> list[str]:
    return [a.get("id") for a in (context.get("contextActivities") or {}).get(kind) or []]


class Rules:
    def __init__(self):
        self.registrations: dict[str, Registration] = {}

    def moved_on(self, registration: str, move_on: str) -> bool:
        """Whether the AU met its moveOn criterion in the registration (what the LMS then records
        as satisfied), from the cmi5 defined statements it accepted."""
        reg = self.registrations.get(registration, Registration())
        return {"Completed": reg.completed > 0, "Passed": reg.passed > 0,
                "CompletedAndPassed": reg.completed > 0 and reg.passed > 0,
                "CompletedOrPassed": reg.completed > 0 or reg.passed > 0, "NotApplicable": True}[move_on]

    def check(self, s: dict, launch: Launch) -> list[str]:
        out: list[str] = []
        verb = s.get("verb", {}).get("id", "").removeprefix(VERBS)
        context = s.get("context") or {}
        result = s.get("result") or {}
        defined = CMI5 in ids(context, "category")
        where = f"{verb} {s.get('id')}"
        reg = self.registrations.setdefault(launch.registration, Registration())
        # context template (9.6, 10): session id, publisher id, registration; the actor of the launch
        if (context.get("extensions") or {}).get(SESSION) != launch.session:
            out.append(f"{where}: session id is not the launch's")
        if launch.publisher_id not in ids(context, "grouping"):
            out.append(f"{where}: the publisher id is missing from grouping")
        if context.get("registration") != launch.registration:
            out.append(f"{where}: registration is not the launch's")
        if s.get("actor") != launch.actor:
            out.append(f"{where}: actor is not the launch's")
        if not str(s.get("timestamp", "")).endswith("Z"):
            out.append(f"{where}: timestamp not in UTC")  # 9.7
        # order in the session (9.3, 7.1.3): initialized first, terminated last
        if launch.ended:
            out.append(f"{where}: after terminated")
        if not launch.started and verb != "initialized":
            out.append(f"{where}: before initialized")
        if s.get("timestamp", "") < launch.last_stamp:
            out.append(f"{where}: timestamp earlier than the statement before it")
        launch.last_stamp = max(launch.last_stamp, s.get("timestamp", ""))
        if verb == "initialized":
            if not defined:
                out.append(f"{where}: initialized without the cmi5 category")
            launch.started = True
        if verb == "terminated":
            if not defined:
                out.append(f"{where}: terminated without the cmi5 category")
            launch.ended = True
        if not defined:
            if MOVEON in ids(context, "category"):
                out.append(f"{where}: moveOn category on a cmi5 allowed statement")
            return out
        # cmi5 defined statements
        if verb not in DEFINED:
            out.append(f"{where}: cmi5 category on a verb the AU may not define")
        if s.get("object", {}).get("id") != launch.activity_id:
            out.append(f"{where}: object is not the launch's activityId")  # 9.4
        if verb in launch.verbs:
            out.append(f"{where}: {verb} twice in one session")
        if verb in ("passed", "failed") and {"passed", "failed"} & set(launch.verbs):
            out.append(f"{where}: passed and failed in one session")
        launch.verbs.append(verb)
        if launch.mode != "Normal" and verb not in ("initialized", "terminated"):
            out.append(f"{where}: {verb} in {launch.mode} mode")  # 10, launchMode
        moveon = MOVEON in ids(context, "category")
        if moveon != ("success" in result or "completion" in result):
            out.append(f"{where}: moveOn category {'without' if moveon else 'missing with'} success/completion")
        if verb in NEEDS_DURATION and "duration" not in result:
            out.append(f"{where}: no duration")
        if "score" in result and verb not in ("passed", "failed"):
            out.append(f"{where}: a score outside passed/failed")
        if verb == "completed":
            reg.completed += 1
            if result.get("completion") is not True or "success" in result:
                out.append(f"{where}: completed must carry completion true and no success")
            if reg.completed > 1:
                out.append(f"{where}: a second completed in the registration")
        elif "completion" in result:
            out.append(f"{where}: completion outside completed")
        if verb in ("passed", "failed"):
            if result.get("success") is not (verb == "passed"):
                out.append(f"{where}: success must be {verb == 'passed'}")
            scaled = (result.get("score") or {}).get("scaled")
            if launch.mastery is not None:
                if (context.get("extensions") or {}).get(MASTERY) != launch.mastery:
                    out.append(f"{where}: masteryscore extension is not the LMS's")
                if scaled is not None and (scaled >= launch.mastery) != (verb == "passed"):
                    out.append(f"{where}: scaled score {scaled} against mastery {launch.mastery}")
        elif "success" in result:
            out.append(f"{where}: success outside passed/failed")
        if verb == "passed":
            reg.passed += 1
            if reg.passed > 1:
                out.append(f"{where}: a second passed in the registration")
        if verb == "failed" and reg.passed:
            out.append(f"{where}: failed after passed in the registration")
        return out
